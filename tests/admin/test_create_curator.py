import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

PASSWORD = "Twentieth-Congress-1956"


def test_create_curator_makes_a_staff_account_in_the_curator_group(db, monkeypatch, capsys):
    monkeypatch.setenv("CURATOR_PASSWORD", PASSWORD)

    call_command("create_curator", "anna", "--password-from-env", "CURATOR_PASSWORD")

    user = User.objects.get(username="anna")
    assert (user.is_staff, user.check_password(PASSWORD)) == (True, True)
    assert list(user.groups.values_list("name", flat=True)) == ["Curator"]
    assert user.has_perm("catalogue.publish_record")
    assert "Created curator anna." in capsys.readouterr().out


def test_create_curator_asks_for_the_password_twice(db, monkeypatch):
    answers = iter([PASSWORD, PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))

    call_command("create_curator", "boris")

    assert User.objects.get(username="boris").check_password(PASSWORD)


def test_create_curator_refuses_two_different_passwords(db, monkeypatch):
    answers = iter([PASSWORD, "something-else-1956"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))

    with pytest.raises(CommandError, match="differ"):
        call_command("create_curator", "boris")

    assert not User.objects.filter(username="boris").exists()


def test_create_curator_refuses_a_weak_password(db, monkeypatch):
    monkeypatch.setenv("CURATOR_PASSWORD", "1956")

    with pytest.raises(CommandError, match="too short"):
        call_command("create_curator", "anna", "--password-from-env", "CURATOR_PASSWORD")

    assert not User.objects.filter(username="anna").exists()


def test_create_curator_names_a_missing_environment_variable(db):
    with pytest.raises(CommandError, match="NO_SUCH_VARIABLE"):
        call_command("create_curator", "anna", "--password-from-env", "NO_SUCH_VARIABLE")


def test_create_curator_adds_the_group_to_an_existing_user(db, capsys):
    User.objects.create_user("vera", password="vera-own-password-1956")

    call_command("create_curator", "vera")

    user = User.objects.get(username="vera")
    assert user.is_staff is True
    assert list(user.groups.values_list("name", flat=True)) == ["Curator"]
    assert user.check_password("vera-own-password-1956")
    assert "already exists: added to the Curator group" in capsys.readouterr().out


def test_create_curator_says_when_nothing_changed(curator, capsys):
    call_command("create_curator", "curator")

    assert "already exists and is a curator" in capsys.readouterr().out
    assert curator.groups.count() == 1

"""Images of records and copies.

``validation`` says what is accepted (the ``Image.file`` field's validator, so it imports no
model); ``service`` makes derivatives and deletes files, and is what every path calls;
``forms`` is the upload form of the admin. Import the module you need: the models import
``validation``, so this package imports nothing itself.
"""

"""The upload form of an image; the admin's image inlines and the image change form use it."""

from django import forms

from catalogue.models import Image

from . import service


class ImageForm(forms.ModelForm):
    """Checks the upload through the model field's own validator (``validate_image``, run by
    ``full_clean()``), and has the image service make its derivatives once it is saved."""

    class Meta:
        model = Image
        fields = [
            "file",
            "alt_text_en",
            "alt_text_ru",
            "caption_en",
            "caption_ru",
            "rights",
            "credit_en",
            "credit_ru",
            "position",
        ]
        # Pillow opens the upload once, in validate_image, under the catalogue's own limits.
        field_classes = {"file": forms.FileField}
        # The original has no address (it is private): the preview shows the image instead.
        widgets = {"file": forms.FileInput}

    def save(self, commit=True):
        replaced = "file" in self.changed_data
        image = super().save(commit=commit)
        if commit:
            service.process(image, force=replaced)
        else:
            save_m2m = self.save_m2m

            def save_m2m_and_process():
                save_m2m()
                service.process(image, force=replaced)

            self.save_m2m = save_m2m_and_process
        return image


class ImageFormSet(forms.BaseInlineFormSet):
    """An inline of images whose delete boxes remove the images' files too."""

    def delete_existing(self, obj, commit=True):
        if commit:
            service.delete_files(obj)
        super().delete_existing(obj, commit=commit)

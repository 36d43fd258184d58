"""IIIF Presentation 3: a manifest for each published record with images, and a IIIF
Collection for each catalogue collection (``/iiif/...``, outside the language prefix).

``manifests`` and ``collections`` build the documents as data from records loaded with the
QuerySets' ``for_manifest()`` and ``with_images()``; ``views`` answers them with CORS. The image
services they name are the level-0 ones of ``catalogue.images``.
"""

from django.shortcuts import get_object_or_404, render

from ..models import Collection


def collection_list(request):
    return render(request, "catalogue/collection_list.html", {"tree": Collection.objects.tree()})


def collection_detail(request, slug):
    collection = get_object_or_404(Collection.objects.for_detail(), slug=slug)
    context = {
        "collection": collection,
        "lineage": Collection.objects.lineage(collection),
        "children": collection.children.with_record_counts(),
    }
    return render(request, "catalogue/collection_detail.html", context)

"""Public pages: home, the register of labs, one lab, the categories, the 10 do's."""

from django.shortcuts import get_object_or_404, render

from datalab_monitor.registry.models import Category, Datalab, Do


def home(request):
    return render(request, "web/home.html", {"labs": Datalab.objects.with_relations()})


def lab_list(request):
    return render(request, "web/lab_list.html", {"labs": Datalab.objects.with_relations()})


def lab_detail(request, slug: str):
    lab = get_object_or_404(Datalab.objects.with_relations(), slug=slug)
    return render(request, "web/lab_detail.html", {"lab": lab})


def categories(request):
    return render(request, "web/categories.html", {"categories": Category.objects.all()})


def dos(request):
    return render(request, "web/dos.html", {"dos": Do.objects.all()})

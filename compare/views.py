from django.http import HttpResponse


def compare_page(request):
    return HttpResponse("")

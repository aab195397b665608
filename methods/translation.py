from modeltranslation.translator import TranslationOptions, register

from methods.models import Method, MethodFamily, ResearchField


@register(ResearchField)
class ResearchFieldTranslation(TranslationOptions):
    fields = ["name"]
    required_languages = ["en"]


@register(MethodFamily)
class MethodFamilyTranslation(TranslationOptions):
    fields = ["name"]
    required_languages = ["en"]


@register(Method)
class MethodTranslation(TranslationOptions):
    fields = ["name", "method_type", "summary", "origin_year_text"]
    required_languages = {"en": ["name"]}

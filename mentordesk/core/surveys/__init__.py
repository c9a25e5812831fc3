"""Surveys, pure rules: questions and answers, built-in templates, scale scoring, due dates and the
answers that need the coordinator's attention.

Vocabulary: a *template* is a programme's questionnaire (purpose fit_check, pulse, exit or
outcome; audience mentor, mentee or both); a *schedule* says when it is due; a *response* is one
person's answers on one day; a *scale* is a group of rating items averaged to one score.

Modules: questions, builtins, scoring, due, alerts.
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)

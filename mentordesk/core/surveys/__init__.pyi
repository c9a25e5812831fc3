"""What core.surveys offers other areas (read by lazy_loader at run time and by mypy)."""

from .alerts import (
    Alert as Alert,
    alerts_for as alerts_for,
)
from .builtins import (
    BUILT_INS as BUILT_INS,
    SCALE_LABELS as SCALE_LABELS,
    WHENS as WHENS,
    describe_when as describe_when,
)
from .due import (
    GRACE_DAYS as GRACE_DAYS,
    Answered as Answered,
    Due as Due,
    MatchFacts as MatchFacts,
    Schedule as Schedule,
    due_surveys as due_surveys,
    takes_part as takes_part,
)
from .questions import (
    KIND_LABELS as KIND_LABELS,
    KINDS as KINDS,
    Answer as Answer,
    AnswerProblem as AnswerProblem,
    Question as Question,
    TemplateProblem as TemplateProblem,
    TemplateSpec as TemplateSpec,
    check_questions as check_questions,
    clean_answer as clean_answer,
    clean_answers as clean_answers,
    kind_changes as kind_changes,
    show_answer as show_answer,
)
from .scoring import (
    ScoredResponse as ScoredResponse,
    before_and_after as before_and_after,
    outcome_figures as outcome_figures,
    rating_mean as rating_mean,
    scale_scores as scale_scores,
    scales as scales,
)

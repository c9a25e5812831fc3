"""The surveys every programme starts with; a programme may edit its copies freely.

Wording follows common practice in youth and workplace mentoring evaluation: short first-person
statements rated on a five-point agreement scale, a few negatively worded items (reverse scored)
so that ticking the same box all the way down does not look like a good result.
"""

from __future__ import annotations

from mentordesk.core.surveys.questions import Question, TemplateSpec

AGREE = ("Strongly disagree", "Strongly agree")
WHEN_LABELS = {
    "days_after_start": "{days} days after the match starts",
    "every_days": "every {days} days while the match is active",
    "at_closure": "when the match closes",
    "programme_start": "at the programme's start",
    "programme_end": "at the programme's end",
}
WHENS = tuple(WHEN_LABELS)
SCALE_LABELS = {
    "confidence": "Confidence",
    "belonging": "Belonging",
    "hope": "Hope for the future",
    "school_engagement": "School engagement",
    "mentoring_confidence": "Confidence mentoring",
    "satisfaction": "Satisfaction",
}


def _q(id: str, text: str, kind: str, **extra) -> Question:
    return Question(id=id, text=text, kind=kind, **extra)


def _item(id: str, text: str, scale: str, reverse: bool = False) -> Question:
    return Question(id=id, text=text, kind="rating5", labels=AGREE, scale=scale, reverse=reverse)


FIT_CHECK_MENTEE = TemplateSpec(
    key="fit_check_mentee",
    name="First-month fit check (mentee)",
    audience="mentee",
    purpose="fit_check",
    questions=(
        _q(
            "fit",
            "How well are you getting on with your mentor?",
            "rating5",
            labels=("Not well at all", "Really well"),
            required=True,
        ),
        _q("listened", "Do you feel your mentor listens to you?", "rating5", labels=("Never", "Always")),
        _q(
            "continue", "Do you want to carry on meeting your mentor?", "yes_no", required=True, alert_no=True
        ),
        _q("comments", "Is there anything you would like us to know?", "short_text"),
    ),
    schedules=(("days_after_start", 30),),
)

FIT_CHECK_MENTOR = TemplateSpec(
    key="fit_check_mentor",
    name="First-month fit check (mentor)",
    audience="mentor",
    purpose="fit_check",
    questions=(
        _q(
            "fit",
            "How well is the match going so far?",
            "rating5",
            labels=("Not well at all", "Really well"),
            required=True,
        ),
        _q(
            "comfortable",
            "How comfortable do you feel with your mentee?",
            "rating5",
            labels=("Not at all", "Completely"),
        ),
        _q(
            "meetings",
            "Have you met as often as planned?",
            "single",
            choices=("More often", "As planned", "Less often", "Not met yet"),
        ),
        _q("continue", "Do you want to continue with this match?", "yes_no", required=True, alert_no=True),
        _q("comments", "Anything we should know or could help with?", "short_text"),
    ),
    schedules=(("days_after_start", 30),),
)

PULSE = TemplateSpec(
    key="pulse",
    name="Termly pulse",
    audience="both",
    purpose="pulse",
    questions=(
        _q(
            "overall",
            "How is your mentoring going overall?",
            "rating10",
            labels=("Very badly", "Very well"),
            required=True,
        ),
        _q(
            "useful", "How useful were your recent meetings?", "rating5", labels=("Not useful", "Very useful")
        ),
        _q(
            "topics",
            "What have you worked on this term?",
            "multiple",
            choices=("Schoolwork", "Confidence", "Future plans", "Friendships", "Hobbies", "Something else"),
        ),
        _q("continue", "Do you want to continue?", "yes_no", alert_no=True),
        _q("comments", "Anything else you want to tell us?", "short_text"),
    ),
    schedules=(("every_days", 90),),
)

EXIT = TemplateSpec(
    key="exit",
    name="Exit survey",
    audience="both",
    purpose="exit",
    questions=(
        _q(
            "overall",
            "Overall, how would you rate your mentoring?",
            "rating10",
            labels=("Very poor", "Excellent"),
            required=True,
        ),
        _q(
            "helped", "How much did the mentoring help you?", "rating5", labels=("Not at all", "A great deal")
        ),
        _q(
            "why_ended",
            "Why did the mentoring end?",
            "single",
            choices=(
                "It reached its planned end",
                "We stopped meeting",
                "Moved away or changed school",
                "It was not working",
                "Another reason",
            ),
        ),
        _q("recommend", "Would you recommend the programme to a friend?", "yes_no"),
        _q("differently", "What should we do differently?", "short_text"),
    ),
    schedules=(("at_closure", 0),),
)

OUTCOME_MENTEE = TemplateSpec(
    key="outcome_mentee",
    name="Before-and-after measure (mentee)",
    audience="mentee",
    purpose="outcome",
    questions=(
        _item("conf_try", "I feel confident trying new things.", "confidence"),
        _item("conf_problems", "I can handle most problems that come my way.", "confidence"),
        _item("conf_doubt", "I often doubt myself.", "confidence", reverse=True),
        _item("conf_speak", "I speak up when I have something to say.", "confidence"),
        _item("belong_school", "I feel I belong at my school.", "belonging"),
        _item("belong_adult", "There is an adult at school I can talk to.", "belonging"),
        _item("belong_left_out", "I often feel left out.", "belonging", reverse=True),
        _item("hope_future", "I am hopeful about my future.", "hope"),
        _item("hope_goals", "I have goals I am working towards.", "hope"),
        _item("hope_help", "I know people who can help me reach my goals.", "hope"),
        _item("school_try", "I try hard in my lessons.", "school_engagement"),
        _item("school_look_forward", "I look forward to going to school.", "school_engagement"),
        _item("school_skip", "I often miss lessons or arrive late.", "school_engagement", reverse=True),
    ),
    schedules=(("programme_start", 0), ("programme_end", 0)),
)

OUTCOME_MENTOR = TemplateSpec(
    key="outcome_mentor",
    name="Before-and-after measure (mentor)",
    audience="mentor",
    purpose="outcome",
    questions=(
        _item("mc_role", "I feel confident in my role as a mentor.", "mentoring_confidence"),
        _item("mc_help", "I know where to get help if I have a concern.", "mentoring_confidence"),
        _item("mc_goals", "I know how to help my mentee set goals.", "mentoring_confidence"),
        _item("sat_relationship", "I am satisfied with my mentoring relationship.", "satisfaction"),
        _item("sat_again", "I would like to mentor again.", "satisfaction"),
        _item("sat_too_much", "Mentoring takes more time than I can give.", "satisfaction", reverse=True),
    ),
    schedules=(("programme_start", 0), ("programme_end", 0)),
)

BUILT_INS = (FIT_CHECK_MENTEE, FIT_CHECK_MENTOR, PULSE, EXIT, OUTCOME_MENTEE, OUTCOME_MENTOR)


def describe_when(when: str, days: int) -> str:
    return WHEN_LABELS.get(when, when).format(days=days)

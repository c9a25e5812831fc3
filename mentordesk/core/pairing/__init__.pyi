"""What core.pairing offers other areas (read by lazy_loader at run time and by mypy)."""

from .circles import (
    TeamProblem as TeamProblem,
    combined_breakdown as combined_breakdown,
    form_teams as form_teams,
    team_problem as team_problem,
    together_minutes as together_minutes,
)
from .closure import (
    CONTACT_PLANS as CONTACT_PLANS,
    DEFAULT_CLOSURE_REASONS as DEFAULT_CLOSURE_REASONS,
    OTHER as OTHER,
    ClosureReason as ClosureReason,
    ReasonCount as ReasonCount,
    closures_by_reason as closures_by_reason,
    new_reason_code as new_reason_code,
    reason_code_for_text as reason_code_for_text,
    reason_code_problem as reason_code_problem,
    reasons_from_settings as reasons_from_settings,
    reasons_to_settings as reasons_to_settings,
)
from .criteria import (
    CRITERIA as CRITERIA,
    CRITERION_LABELS as CRITERION_LABELS,
    CUSTOM_KINDS as CUSTOM_KINDS,
    CUSTOM_OPTIONS as CUSTOM_OPTIONS,
    IMPORTANCE_LABELS as IMPORTANCE_LABELS,
    OPTIONS as OPTIONS,
    CriterionSetting as CriterionSetting,
    Importance as Importance,
    ScoringConfig as ScoringConfig,
    custom_criterion as custom_criterion,
    custom_field_id as custom_field_id,
    is_custom as is_custom,
)
from .explain import (
    Explanation as Explanation,
    Reason as Reason,
    explanation_from as explanation_from,
)
from .hard_rules import (
    HardRules as HardRules,
    Refusal as Refusal,
    Rule as Rule,
    eligibility as eligibility,
    places_left as places_left,
    refusals as refusals,
)
from .network import (
    DEFAULT_FOCUS_AREAS as DEFAULT_FOCUS_AREAS,
    DEFAULT_MAX_MENTORS as DEFAULT_MAX_MENTORS,
    FOCUS_CRITERION as FOCUS_CRITERION,
    NetworkLink as NetworkLink,
    NetworkPlan as NetworkPlan,
    focus_problem as focus_problem,
    plan_network as plan_network,
)
from .peer import (
    solve_peer as solve_peer,
)
from .scoring import (
    Profile as Profile,
    ScoreMatrix as ScoreMatrix,
    peer_matrix as peer_matrix,
    score_matrix as score_matrix,
)
from .solver import (
    DENSE as DENSE,
    FORBID as FORBID,
    PENALISE as PENALISE,
    SPARSE as SPARSE,
    Assignment as Assignment,
    AssignmentOptions as AssignmentOptions,
    MatchStats as MatchStats,
    greedy as greedy,
    solve as solve,
)
from .sparse import (
    SparseReport as SparseReport,
)
from .speed import (
    MUTUAL_WISH_POINTS as MUTUAL_WISH_POINTS,
    ONE_WAY_WISH_POINTS as ONE_WAY_WISH_POINTS,
    RoundPlan as RoundPlan,
    WishBonus as WishBonus,
    plan_rounds as plan_rounds,
    plan_timetable as plan_timetable,
    wish_bonuses as wish_bonuses,
)
from .tiers import (
    cascade_tiers as cascade_tiers,
    former_mentors as former_mentors,
)

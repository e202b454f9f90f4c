"""The words that tell what a provision covers, as patterns over comparison keys.

Every pattern reads a comparison key (see :mod:`legcompare.covers.reading`): lower case, single
spaces, ``"`` and ``'`` for every quotation mark, ``-`` for every dash, hyphens inside words
dropped. Each table maps a normalised value (the ``value`` of an item) to the pattern that
finds it; the first matching entry wins where only one value may apply. The vocabulary of
values is the one ``tests/gold/covers/README.md`` defines.
"""

from __future__ import annotations

import re

from ..prefilter import quick


def _p(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _table(entries: dict[str, str]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((value, _p(pattern)) for value, pattern in entries.items())


# --- definitions --------------------------------------------------------------------------

_DEFINES = (r"(?:means|mean|shall mean|has the meaning|have the meaning|shall have the meaning|"
            r"shall have the same meanings?|has the same meaning|have the same meanings?|"
            r"refers to|is defined as)\b")
QUOTED_TERMS = _p(r'(?P<terms>"[^"]{1,120}"(?:\s*,?\s*(?:and|or)?\s*"[^"]{1,120}")*)\s*,?\s*'
                  + _DEFINES)
"""``"X" means``, ``"X," "Y," or "Z" means``, ``"X", "Y" and "Z" shall have the same meanings``."""
ONE_TERM = _p(r'"([^"]{1,120})"')
UNQUOTED_TERM = _p(r"\bthe term (?P<term>[a-z0-9][^\".;:]{0,100}?)\s*(?:" + _DEFINES + r"|-)")
"""``The term facial recognition means`` (quotation marks lost in conversion), ``The term
other biometric recognition —`` (the meaning follows in sub-provisions)."""
CROSS_REFERENCE = _p(r"^\s*,?\s*(?:shall )?(?:have|has) the same meanings?\b|^\s*,?\s*(?:is|are) "
                     r"defined in\b|^\s*,?\s*(?:has|have) the meaning (?:given|set forth)")
LIST_BODY = _p(r"^\s*(?:either|any|each|all|both|one or more) of the following\b|^[\s:-]*$")

_LEAD = r"^[\s:,*-]*(?:(?:any|all|each|every|a|an|the|such|one or more|either)\s+)*"
USE_BODY = _p(_LEAD + r"(?:use|using|act|process by which|practice|review|testing|that)\b")
TECHNOLOGY_BODY = _p(_LEAD + r"(?:computer software|software|technology|automated|"
                     r"semiautomated|system|application|device|camera|bodyworn camera|tool|"
                     r"algorithm|program that)\b")
DATA_BODY = _p(_LEAD + r"(?:measurable\s+)?(?:information|data|personal (?:data|information)|"
               r"physiological|biological|behavioral|characteristics?|retina|"
               r"machine(?:readable|interpretable)|pattern|template|images?|photos?|"
               r"photographs?|database|records?|top images|list|identifiers?|scan|fingerprints?|"
               r"voiceprint|faceprint)\b")
ACTOR_BODY = _p(_LEAD + r"(?:police|sheriff'?s?|law enforcement|department|agency|agencies|"
                r"officer|deputy|employee|individual who|individual, partnership|person or "
                r"entity|person who|entity|partnership|corporation|business|company|principal "
                r"prosecuting attorney|prosecutor|government|state or local government|public "
                r"body|unit of)\b(?!\s+(?:actions?|activities|functions?|operations?|programs?|"
                r"purposes?|policies|policy|rules?|decisions?|records?|data|information|use)\b)")
ACTOR_WORDS = _p(r"\b(?:agency|agencies|officers?|officials?|entity|entities|department|police|"
                 r"prosecutors?|sheriffs?|employers?|business|company|contractors?|vendors?|"
                 r"providers?|operators?|custodian|controllers?|processors?|landlords?|owners?|"
                 r"government)\b")
"""Words that name a regulated party."""
TECHNOLOGY_WORDS = _p(r"\b(?:system|technology|camera|software|device|service)$")
DATA_WORDS = _p(r"\b(?:data|information|identifier|template|image|database|record)$")
PROTECTED_WORDS = _p(r"\b(?:consumer|customer|individual|person|resident|subject|tenant|student|"
                     r"patient|user|citizen|plaintiff|victim)s?$")
OVERSIGHT_BODIES = _p(r"\b(?:court|judges?|justice|legislature|legislative|council|commission|"
                      r"board|task force|chairperson|director|secretary|attorney general|"
                      r"inspector|comptroller|auditors?|institute|nist|administrative office|"
                      r"congress|governor|commissioner)\b|^(?:all |any |the )?(?:members|"
                      r"vacancies|meetings)\b")
"""Bodies that receive reports, approve or advise: their duties are oversight, not coverage."""

# --- conduct ------------------------------------------------------------------------------

# (nor what a law does to other law or a power, or how it counts a thing: "that shall not
# affect the validity of ...", "shall not supersede ... any other law", "such power of subpoena
# shall not abate", "shall not be treated as a contribution", "shall not qualify as a basis",
# "individual grants shall not be subject to a non-Federal matching requirement")
_NOT_CONDUCT = (r"(?! (?:include|be construed|be deemed|be immune|be commenced|be received|"
                r"be admissible|preclude|limit|require|condone|affect|be affected|supersede|"
                r"abate|be treated|qualify as|be subject)\b)"
                r"(?! appl(?:y|ies)(?: to| in|[.;]|$))")
PROHIBITION = _p(r"\b(?:shall|may|must|will) not\b" + _NOT_CONDUCT +
                 r"|\b(?:no|none of)\b(?! (?:later|sooner|less|more|longer)\b)[^.;:]{0,160}?"
                 r"\b(?:shall|may|must)\b(?! not)(?! be (?:construed|deemed|received|subject))"
                 # (a limitation rider's subject runs long: "None of the funds provided in this
                 # Act, provided by previous appropriations Acts to ..., shall be available")
                 r"|\bnone of the (?:[a-z]+ )?funds\b[^.;:]{0,600}?\b(?:shall|may)\b(?! not)"
                 r"|\bit (?:shall be|is) unlawful\b|\bmay only\b|\bonly pursuant to\b"
                 r"|\b(?:is|are) prohibited\b|\bprohibited from\b")
DUTY = _p(r"\b(?:shall|must)\b(?! not)(?! (?:take effect|expire|be deemed|be repealed|remain|"
          r"have the|mean|be known|be cited|be subject|have a right|apply|be construed|consist|"
          r"be one of|have become|be treated|be for|be available (?:for|until|through|without|"
          r"to carry)))|\b(?:is|are) required to\b")
"""A duty; not where a modal says what a law is or does, nor where money is for ("shall be
for the purchase of ...", "shall be available until expended": an appropriation's)."""
PERMISSION = _p(r"\bmay\b(?! not)(?! only)(?! (?:be cited|bring|recover|sue|be subject|deem|"
                r"be construed|award|assess|be received|(?:institute|commence|file) (?:a |an )?"
                r"(?:civil )?(?:action|suit|proceeding|claim|complaint)))"
                r"|\b(?:is|are) (?:authorized|permitted) to\b")
MODAL = _p(r"\b(?:shall|must|may|will)\b|\b(?:is|are) (?:required|authorized|permitted) to\b")
PASSIVE = _p(r"\b(?:may|shall|must) (?:only )?be (?:used|retained|shared|disclosed|deleted|"
             r"destroyed|collected|kept)\b")
LIST_VERB = _p(r"^[\W]*(?:lawfully |first |annually )?(?:inform|notify|receive|obtain|provide|"
               r"allow|hold|consider|post|publish|submit|develop|store|transmit|protect|use|"
               r"using|rely|share|collect|retain|disclose|destroy|delete|maintain|establish|"
               r"conduct|examine|evaluate|study|make|ensure|adopt|give|deliver|prepare|file|"
               r"keep|access|accessing|install|activate|acquire|possess|sell|lease|trade|"
               r"purchase|capture|create|apply|request|enforce|identify|track|notif)"
               r"(?:s|es|ed|ing|ies)?\b")
"""A list item that starts with a verb completes its lead-in's modal ("shall: (A) store ...")."""
UNLAWFUL_FOR = _p(r"\bunlawful for (?P<s>.+?) to\b")
OVERSIGHT_CONTEXT = _p(r"\btask force\b|\badvisory (?:board|committee)\b")
"""A sentence about an advisory body is oversight, whatever its modal."""

# --- exceptions -----------------------------------------------------------------------------

EXCEPTION_SIGNALS = _table({
    "exclusion": r"\b(?:does|do|shall|will) not include\b|\bexcludes\b",
    "not-applicable": r"\b(?:does|do|shall) not apply\b|\bnothing in (?:this|the) [a-z ]{1,30}?"
                      r"(?:(?:shall|may) (?:be (?:construed|deemed) to )?)?appl(?:y|ies)\b"
                      r"|\bis exempt\b|\bare exempt\b|\bexempt(?:ed)? from\b",
    "permitted-use": r"\b(?:does|shall) not preclude\b|\bnothing in (?:this|the) [a-z ]{1,30}?"
                     r"(?:shall|may) be construed to (?:prohibit|preclude|restrict)\b"
                     r"|\bnotwithstanding\b(?! any other)",
    "other": r"\bunless\b|\bexcept\b(?! as (?:otherwise )?provided)|\babsent\b"
             r"|\bdoes not require\b|\bnothing in (?:this|the) [a-z ]{1,30}?requires\b"
             r"|\bnothing in (?:this|the) [a-z ]{1,30}?(?:shall|may) be (?:construed|deemed) to\b"
             r"|\bcomplete defense\b|\bgood faith reliance\b",
})
"""What opens an exception, with the value it has when no ground below is named."""
STRUCTURAL = frozenset({"exclusion", "permitted-use"})
"""Exceptions whose value the ground does not override."""
EXCEPTION_GROUNDS = _table({
    "warrant": r"\bwarrant\b|\bsubpoena\b|\bcourt order\b|\bex parte order\b|\ban order is "
               r"obtained\b",
    "emergency": r"\b(?:an?|the|any|such|of|in) emergency\b(?! requirement)"
                 r"|\bemergency (?:situation|circumstance)s?\b|\bexigent\b|\bimminent\b"
                 r"|\bimmediate danger\b",
    "consent": r"\bconsent|\bwritten release\b|\b(?:requested|authorized) by the subject\b",
    "required-by-law": r"\bmandated\b|\brequired by (?:federal|state|local|law|the law|any "
                       r"law)\b|\bpursuant to a federal (?:regulation|law|order)\b",
})
BOILERPLATE = _p(r"\bunless the context (?:clearly )?(?:requires|indicates) otherwise\b")
"""Words that look like an exception and are not one."""

# --- remedies and enforcement --------------------------------------------------------------

REMEDIES = _table({
    "private-right-of-action": r"\bright of action\b|\bcause of action\b|\bmay bring (?:a|an) "
                               r"(?:civil )?(?:action|suit|claim)\b|\bmay (?:institute|commence|"
                               r"file) (?:proceedings|a civil action|an action|suit)\b"
                               r"|\bmay sue\b|\bright to sue\b",
    "actual-damages": r"\bactual damages\b",
    "liquidated-damages": r"\bliquidated damages\b",
    "punitive-damages": r"\b(?:punitive|exemplary) damages\b",
    "attorney-fees": r"\battorneys?'?s?'? fees?\b",
    "injunctive-relief": r"\binjunct",
    "equitable-relief": r"\bequitable\b",
    "declaratory-relief": r"\bdeclaratory\b",
    "evidence-exclusion": r"\breceived in evidence\b|\bnot (?:be )?admissible\b|\binadmissible\b"
                          r"|\bshall be suppressed\b|\bsuppression of\b",
    "no-immunity": r"\bshall not be immune\b|\bnot be immune\b|\bwaives? (?:its )?(?:sovereign )?"
                   r"immunity\b",
})
STATUTORY_AMOUNT = _p(r"\$[\d,]+(?:\.\d+)? (?:for each|per) violation\b")
DAMAGES = _p(r"\bdamages\b")
ENFORCEMENT = _table({
    "attorney-general": r"\battorney general (?:may|shall) (?:bring|enforce|institute|commence)"
                        r"|\bparens patriae\b|\bchief law enforcement officer of (?:a|the) state\b",
    "fine": r"\bfine of\b|\bfined\b",
    "civil-penalty": r"\bcivil penalt",
    "criminal-penalty": r"\bmisdemeanor\b|\bfelony\b|\bimprison|\bcriminal penalt|\bguilty of\b",
    "discipline": r"\bdisciplinary\b|\bdiscipline (?:the|an?|against)\b|\bretraining\b"
                  r"|\bsuspension, termination\b",
    "funding-penalty": r"\breduce the amount\b[^.;]{0,80}\bawarded\b|\bwithh[eo]ld\b[^.;]{0,60}"
                       r"\b(?:grant|fund)|\bineligible for\b[^.;]{0,40}\b(?:grant|fund)",
    "court-enforcement": r"\benforcement by a court\b|\benforced by a court\b",
    "suspension": r"\bcease using\b|\bcease use\b|\bshall cease\b",
    "administrative": r"\bin accordance with its usual practices\b",
})
SAVINGS = _p(r"\bnothing in (?:this|the) [a-z ]{1,30}?(?:shall|may) be construed to (?:limit|"
             r"impair|diminish|restrict|supersede|preempt|authorize)\b[^.;]{0,120}?\b(?:rights?|"
             r"laws?|state|local)\b|\bstate law preserved\b|\bunless (?:the laws of that state|"
             r"state law)\b[^.;]{0,60}\b(?:expressly|authoriz)")
"""A rule of construction that keeps other law, or rights under it, in place ("Nothing in this
section shall be construed to limit any individual's rights under state or federal law"): a
savings clause on a fact sheet even where ``preempt``, which weighs what a law does to lower
law, finds no preemption clause."""

# --- dates ---------------------------------------------------------------------------------

EFFECTIVE = _p(r"\btakes? effect\b|\bshall be effective\b|\bbecomes? effective\b|\beffective "
               r"(?:on|date)\b")
SUNSET = _p(r"\bexpire|\brepealed\b|\bsunset\b|\bcease to be effective\b|\bremain in effect "
            r"until\b")
AS_OF = _p(r"\bas of\s*$")
WITHIN = _p(r"\b(?:within|no later than|not later than)\s*$")
"""Right before a period, a deadline whatever the sentence said before it ("before the effective
date of this Chapter 19B shall submit an inventory ... within 60 days of the effective date"),
unless the words just before it say what takes effect ("shall take effect not later than")."""
IMMEDIATELY = _p(r"\btakes? effect immediately\b|\beffective immediately\b")
CONDITIONAL_SUNSET = _p(r"\b(?:shall be|is) repealed (?:at such time|when|upon|if)\b|\bexpires? "
                        r"(?:at such time|when|upon)\b")
AGE = _p(r"^\s*(?:of age|old)\b")
# (searched in every clause of a law: behind quick's look-ahead, tried at digits and at the
# letters its words start with, not at every position)
HOURS = quick(re.compile(r"\b(\d+|one|two|three|four|six|eight|twelve|twenty-four|"
                         r"forty-eight|seventy-two)[\s-]+hours?\b", re.I))

# --- oversight -----------------------------------------------------------------------------

OVERSIGHT = _table({
    "task-force": r"\b(?:establish(?:ed)?|create[sd]?|there is hereby)\b[^.;]{0,40}\btask force\b",
    "report": r"\b(?:submit|produce|transmit|file|prepare|provide|issue|publish|post|make|adopt|"
              r"release)\b[^.;]{0,100}?\breports?\b|\b(?:shall|must) report\b|\breport to\b"
              r"|\bsummary of the findings\b|\baffidavit\b|\breport[^.;]{0,60}\b(?:submitted|"
              r"updated)\b",
    "audit": r"\bfor audit\b|\bsubmit data\b[^.;]{0,160}\b(?:misuse|compliance)\b"
             r"|\b(?:conduct|perform|submit)\b[^.;]{0,40}\baudit|\baudit(?:s|ed)? "
             r"by\b|\bindependent audit\b|\bannual audit\b",
    "testing": r"\b(?:must|shall) (?:\w+ )?test\b|\bsubmitted to\b[^.;]{0,60}\btest|\btests? "
               r"(?:of|for)\b|\bbenchmark\b|\bevaluate the accuracy\b|\btesting protocol\b",
    "training": r"\b(?:conduct|provide|complete|receive|require)\b[^.;]{0,40}\btraining\b"
                r"|\btraining (?:standards|requirements|program)\b|\btrained\b",
    "notice": r"\bnotice of intent\b|\bpost(?:s|ed)? notices\b|\bnotices? required\b|\bpublic "
              r"notice\b|\bnotify (?:the )?(?:public|individual|subject|person|defendant)\b"
              r"|\bdisclose\b[^.;]{0,60}\bdefendant\b|\binforms? the subject\b|\bprovide to the "
              r"individual\b|\bprovided to (?:the|such) individual\b|\bcommunicated to the "
              r"public\b",
    "public-comment": r"\bpublic (?:review|comment|hearings?)\b|\bcomment period\b|\bcommunity "
                      r"(?:consultation|meetings?)\b|\braised by the public\b",
    "approval": r"(?<!authorizing or )(?<!denied )\bapprov(?:e|es|al|ing)\b",
    "policy": r"\bwritten polic(?:y|ies)\b|\bestablish (?:procedures|a policy|policies)\b"
              r"|\bissue (?:a )?rules?\b|\ba policy governing\b",
    "records": r"\bmaintain records\b|\brecords? of (?:its|their) use\b|\blog (?:its|their|the) "
               r"use\b|\bin a manner that allows\b[^.;]{0,40}\bdisaggregated\b|\b(?:retain|keep) "
               r"records\b",
    "human-review": r"\bhuman review\b",
})

# --- labels --------------------------------------------------------------------------------

VALUE_LABELS = {
    "prohibition": "Prohibits", "duty": "Requires", "permission": "Permits",
    "exclusion": "Excluded from a definition", "warrant": "Warrant or court order",
    "emergency": "Emergency", "consent": "Consent", "required-by-law": "Required by other law",
    "not-applicable": "Does not apply", "permitted-use": "Use allowed", "other": "Exception",
    "private-right-of-action": "Private right of action", "actual-damages": "Actual damages",
    "liquidated-damages": "Liquidated damages", "statutory-damages": "Statutory damages",
    "punitive-damages": "Punitive damages", "attorney-fees": "Attorney's fees",
    "injunctive-relief": "Injunction", "equitable-relief": "Equitable relief",
    "declaratory-relief": "Declaratory relief", "evidence-exclusion": "Evidence excluded",
    "no-immunity": "No state immunity", "attorney-general": "Attorney general",
    "fine": "Fine", "civil-penalty": "Civil penalty", "criminal-penalty": "Criminal penalty",
    "discipline": "Discipline", "funding-penalty": "Funding withheld or reduced",
    "court-enforcement": "Court enforcement", "suspension": "Use suspended",
    "administrative": "Handled administratively", "task-force": "Task force", "report": "Report",
    "audit": "Audit", "testing": "Testing", "training": "Training", "notice": "Notice",
    "public-comment": "Public comment", "approval": "Approval", "policy": "Policy or rules",
    "records": "Records", "human-review": "Human review", "floor": "Floor",
    "conflict": "Conflict only", "ceiling": "Ceiling", "savings": "Savings clause",
    "carve-out": "Carve-out", "effective": "Effective", "sunset": "Sunset",
    "deadline": "Deadline",
}

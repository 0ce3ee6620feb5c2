/* Generated from include/taper.h by src/capi/generate_cdef.cmake: do not edit.
 * The C ABI for cffi's cdef() (no preprocessor lines, no TAPER_C_API).
 * Regenerate: cmake --build <build> --target taper_cdef */
#define TAPER_VERSION_MAJOR 0
#define TAPER_VERSION_MINOR 1
#define TAPER_VERSION_PATCH 0
#define TAPER_ABI_VERSION 2

/* TAPER_CDEF_BEGIN: everything from here to TAPER_CDEF_END goes into the cffi cdef. */

/* ===================================================================================== */
/* Versions, statuses, errors, strings                                                    */
/* ===================================================================================== */

/* Pinned: these numbers never change meaning; new statuses get new numbers. */
typedef enum taper_status {
    TAPER_OK = 0,
    TAPER_ERROR_INVALID_ARGUMENT = 1,   /* NULL where an object is needed, a bad enum, a value
                                           outside what the operation accepts */
    TAPER_ERROR_PARSE = 2,              /* text that does not read as the expected quantity */
    TAPER_ERROR_UNKNOWN_DRUG = 3,       /* no such drug; the message suggests near names */
    TAPER_ERROR_MISSING_DATA = 4,       /* the data lacks a value that was needed */
    TAPER_ERROR_FORMULARY = 5,          /* formulary JSON that breaks the schema, or unreadable */
    TAPER_ERROR_PLAN = 6,               /* a request that cannot be planned as asked */
    TAPER_ERROR_STRATEGY = 7,           /* unknown / duplicate strategy, bad strategy options */
    TAPER_ERROR_BUFFER_TOO_SMALL = 8,   /* a caller buffer or array was too small */
    TAPER_ERROR_INDEX_OUT_OF_RANGE = 9, /* an index past the end */
    TAPER_ERROR_ABI_MISMATCH = 10,      /* struct_size / version / ABI version not understood */
    TAPER_ERROR_OUT_OF_MEMORY = 11,
    TAPER_ERROR_INTERNAL = 12           /* a bug in taper: please report it with the message */
} taper_status;

/* The code of a note or warning: the same numbers as taper::message_code (C++), each with a
 * stable string id (taper_message_code_id). docs/messages.md lists every code, its
 * parameters and an example text. Pinned: never renumbered; new codes get new numbers.
 * 100-199 strategies, 200-299 the planner on a step, 300-399 the planner on the plan. */
typedef enum taper_message_code {
    TAPER_MESSAGE_STRATEGY_TEXT = 100,
    TAPER_MESSAGE_TARGET_OCCUPANCY = 101,
    TAPER_MESSAGE_CUT_SHARE_OF_RECENT = 102,
    TAPER_MESSAGE_CUT_SHARE_WITHOUT_D2_LIMIT = 103,
    TAPER_MESSAGE_CUT_SHARE_WITHIN_D2_LIMIT = 104,
    TAPER_MESSAGE_CUT_LIMITED_BY_D2_POINTS = 105,
    TAPER_MESSAGE_TABLE_ROW = 106,
    TAPER_MESSAGE_STRIP_DAY = 107,
    TAPER_MESSAGE_CROSSOVER_SWITCH = 108,
    TAPER_MESSAGE_CROSSOVER_NOT_NEEDED = 109,
    TAPER_MESSAGE_CROSSOVER_TAIL = 110,
    TAPER_MESSAGE_CROSSOVER_PARTIAL_SWITCH = 111,
    TAPER_MESSAGE_CROSSOVER_REDUCE_REMAINING = 112,
    TAPER_MESSAGE_STOPPING_FROM_FINAL_DOSE = 200,
    TAPER_MESSAGE_FINAL_DOSE_BEFORE_STOP = 201,
    TAPER_MESSAGE_FINAL_DOSE_BY_MIN_CHANGE = 202,
    TAPER_MESSAGE_PACED_FOR_HALF_LIFE = 203,
    TAPER_MESSAGE_PACED_FOR_HALF_LIFE_OWN_LENGTH = 204,
    TAPER_MESSAGE_CUT_RAISED_TO_MIN_CHANGE = 205,
    TAPER_MESSAGE_CUT_LIMITED_BY_MAX_STEP = 206,
    TAPER_MESSAGE_CUT_LIMITED_BY_MAX_POINTS = 207,
    TAPER_MESSAGE_CUT_LIMITED_BY_MAX_PERCENT = 208,
    TAPER_MESSAGE_TARGET_ALREADY_PASSED = 209,
    TAPER_MESSAGE_HOLD_STEP = 210,
    TAPER_MESSAGE_FASTER_THAN_GUIDANCE_SHARE = 211,
    TAPER_MESSAGE_FASTER_THAN_GUIDANCE_POINTS = 212,
    TAPER_MESSAGE_ABRUPT_STOP = 213,
    TAPER_MESSAGE_ABRUPT_STOP_SEIZURE_RISK = 214,
    TAPER_MESSAGE_WHOLE_UNITS_CANNOT_MAKE = 215,
    TAPER_MESSAGE_REMNANT_MERGED_INTO_STOP = 216,
    TAPER_MESSAGE_REMAINDER_CUT_IN_HALVES = 217,
    TAPER_MESSAGE_REMNANT_STEP = 218,
    TAPER_MESSAGE_STOP_FROM_FINAL_DOSE_OVER_LIMIT = 219,
    TAPER_MESSAGE_PACING_HALF_LIFE_UNKNOWN = 300,
    TAPER_MESSAGE_PACING_HALF_LIFE_NOT_SHORT = 301,
    TAPER_MESSAGE_PACING_AFTER_SWITCH_TO_DIAZEPAM = 302,
    TAPER_MESSAGE_WHOLE_UNITS_STRENGTHS_UNKNOWN = 303,
    TAPER_MESSAGE_MIN_CHANGE_EXCEEDS_MAX_CUT = 304,
    TAPER_MESSAGE_HOLD_AFTER_MISSING_STEP = 305,
    TAPER_MESSAGE_HOLD_AFTER_LAST_STEP = 306,
    TAPER_MESSAGE_LIMITS_CONVERTED_TO_DIAZEPAM = 320,
    TAPER_MESSAGE_DIAZEPAM_EQUIVALENT_ABOVE_CEILING = 321,
    TAPER_MESSAGE_EQUIVALENCE_TABLES_DIFFER = 322,
    TAPER_MESSAGE_LONG_HALF_LIFE = 323,
    TAPER_MESSAGE_SHORT_HALF_LIFE_UNPACED = 324,
    TAPER_MESSAGE_ABOVE_LICENSED_MAXIMUM = 325,
    TAPER_MESSAGE_OCCUPANCY_MODEL_EVIDENCE = 326,
    TAPER_MESSAGE_DRUG_CAUTION = 327,
    /* 700-799: the person in the loop: assessment (700-729), journal problems (740-749),
     * replanning and patient pacing (760-779), several drugs (790-799). */
    TAPER_MESSAGE_ONSET_SOON_AFTER_CUT = 700,
    TAPER_MESSAGE_PHYSICAL_WITH_PSYCHOLOGICAL = 701,
    TAPER_MESSAGE_SYMPTOMS_NOT_IN_BASELINE = 702,
    TAPER_MESSAGE_WAVE_PATTERN = 703,
    TAPER_MESSAGE_EASED_ON_REINSTATEMENT = 704,
    TAPER_MESSAGE_ONSET_LONG_AFTER_CUT = 705,
    TAPER_MESSAGE_PSYCHOLOGICAL_ONLY = 706,
    TAPER_MESSAGE_LIKE_ORIGINAL_CONDITION = 707,
    TAPER_MESSAGE_GRADUAL_ONSET = 708,
    TAPER_MESSAGE_CONSISTENT_WITH_WITHDRAWAL = 710,
    TAPER_MESSAGE_CONSISTENT_WITH_RELAPSE = 711,
    TAPER_MESSAGE_PATTERN_UNCLEAR = 712,
    TAPER_MESSAGE_NO_TROUBLING_SYMPTOMS = 713,
    TAPER_MESSAGE_RED_FLAG_SEEK_HELP_NOW = 720,
    TAPER_MESSAGE_CONTACT_PRESCRIBER_OR_EMERGENCY = 721,
    TAPER_MESSAGE_ADVISE_HOLD = 722,
    TAPER_MESSAGE_ADVISE_GO_BACK = 723,
    TAPER_MESSAGE_ADVISE_TALK_TO_PRESCRIBER = 724,
    TAPER_MESSAGE_ADVISE_KEEP_RECORDING = 725,
    TAPER_MESSAGE_ADVISE_CONTINUE = 726,
    TAPER_MESSAGE_JOURNAL_BAD_DATE = 740,
    TAPER_MESSAGE_JOURNAL_ENTRIES_OUT_OF_ORDER = 741,
    TAPER_MESSAGE_JOURNAL_UNKNOWN_SYMPTOM = 742,
    TAPER_MESSAGE_JOURNAL_SEVERITY_OUT_OF_RANGE = 743,
    TAPER_MESSAGE_JOURNAL_DOSE_NEGATIVE = 744,
    TAPER_MESSAGE_JOURNAL_UNKNOWN_DOSE_STATUS = 745,
    TAPER_MESSAGE_JOURNAL_FUNCTIONING_OUT_OF_RANGE = 746,
    TAPER_MESSAGE_JOURNAL_UNKNOWN_LIFE_EVENT = 747,
    TAPER_MESSAGE_JOURNAL_WRONG_TYPE = 748,
    TAPER_MESSAGE_JOURNAL_DUPLICATE_DATE = 749,
    TAPER_MESSAGE_REPLAN_CONTINUE = 760,
    TAPER_MESSAGE_REPLAN_HOLD = 761,
    TAPER_MESSAGE_REPLAN_GO_BACK = 762,
    TAPER_MESSAGE_REPLAN_SLOW_DOWN = 763,
    TAPER_MESSAGE_REPLAN_RESUME = 764,
    TAPER_MESSAGE_REPLAN_DEADLINE_RELEASED = 765,
    TAPER_MESSAGE_READY_FOR_NEXT_CUT = 766,
    TAPER_MESSAGE_NOT_READY_FOR_NEXT_CUT = 767,
    TAPER_MESSAGE_CUT_LOWERED_BY_PERSON = 768,
    TAPER_MESSAGE_ONE_DRUG_AT_A_TIME = 790,
    TAPER_MESSAGE_STABILISATION_GAP = 791,
    TAPER_MESSAGE_ORDER_IS_A_SHARED_CHOICE = 792,
    TAPER_MESSAGE_INTERACTION_LEVEL_MAY_FALL = 793,
    TAPER_MESSAGE_INTERACTION_LEVEL_MAY_RISE = 794,
    /* Outputs, on the plan as a whole (800-849). */
    TAPER_MESSAGE_WHO_CAN_HELP = 800,
    /* Realization, on a dose or a step (400-499) and on the whole realization (500-599). */
    TAPER_MESSAGE_DOSE_ROUNDS_TO_ZERO = 400,
    TAPER_MESSAGE_DOSE_OFF_TARGET = 401,
    TAPER_MESSAGE_BELOW_SYRINGE_MINIMUM = 402,
    TAPER_MESSAGE_DILUTION_SWITCHED_OFF = 403,
    TAPER_MESSAGE_LIQUID_WOULD_MEASURE_FINER = 404,
    TAPER_MESSAGE_MORE_DILUTE_WOULD_MEASURE_FINER = 405,
    TAPER_MESSAGE_DRUG_ALSO_COMES_AS = 406,
    TAPER_MESSAGE_ADJUSTED_AFTER_ROUNDING = 410,
    TAPER_MESSAGE_ROUNDING_ABOVE_PREVIOUS = 411,
    TAPER_MESSAGE_ROUNDING_OVER_MAX_STEP = 412,
    TAPER_MESSAGE_ROUNDING_OVER_MAX_PERCENT = 413,
    TAPER_MESSAGE_ROUNDING_OVER_MAX_POINTS = 414,
    TAPER_MESSAGE_LIMITS_BROKEN_NOTHING_WITHIN = 415,
    TAPER_MESSAGE_LIMITS_BROKEN_SMALLEST_CUT = 416,
    TAPER_MESSAGE_INSERTED_STEP = 417,
    TAPER_MESSAGE_INSERTED_STEP_BEFORE_STOP = 418,
    TAPER_MESSAGE_INSERTED_SMALLEST_CUT_BEFORE_STOP = 419,
    TAPER_MESSAGE_SWITCH_POINT = 420,
    TAPER_MESSAGE_FORM_EQUIVALENCE = 421,
    TAPER_MESSAGE_FORM_EQUIVALENCE_ASSUMED = 422,
    TAPER_MESSAGE_REALIZED_ABRUPT_STOP = 430,
    TAPER_MESSAGE_REALIZED_ABRUPT_STOP_SEIZURE_RISK = 431,
    TAPER_MESSAGE_FORM_WOULD_AVOID_ABRUPT_STOP = 432,
    TAPER_MESSAGE_REALIZED_FASTER_THAN_GUIDANCE_SHARE = 433,
    TAPER_MESSAGE_REALIZED_FASTER_THAN_GUIDANCE_POINTS = 434,
    TAPER_MESSAGE_RELEASE_CHANGE_STEP = 435,
    TAPER_MESSAGE_DOSING_FREQUENCY_CHANGE = 436,
    TAPER_MESSAGE_IMPRACTICAL_RECIPE = 437,
    TAPER_MESSAGE_RELEASE_CHANGE_WITH_CUT = 438,
    TAPER_MESSAGE_BEADS_PER_CAPSULE_UNKNOWN = 500,
    TAPER_MESSAGE_DROP_SIZE_UNKNOWN = 501,
    TAPER_MESSAGE_DRUG_NOT_REALIZED = 502,
    TAPER_MESSAGE_STEPS_OFF_TOLERANCE = 503,
    TAPER_MESSAGE_FORM_ASSUMED_AMONG = 504,
    TAPER_MESSAGE_SIMULATION_NO_PHARMACOKINETICS = 600,
    TAPER_MESSAGE_SIMULATION_PARAMETER_UNKNOWN = 601,
    TAPER_MESSAGE_SIMULATION_ACTIVE_METABOLITE = 602,
    TAPER_MESSAGE_SIMULATION_NO_OCCUPANCY_MODEL = 603,
    TAPER_MESSAGE_SIMULATION_METABOLITE_NOT_MODELLED = 604,
    TAPER_MESSAGE_SIMULATION_NO_CONCENTRATION = 605
} taper_message_code;

/* How much a message matters. Pinned values. */
typedef enum taper_severity {
    TAPER_SEVERITY_NOTE = 0,
    TAPER_SEVERITY_WARNING = 1
} taper_severity;

/* The phase of a step. Pinned values. */
typedef enum taper_phase {
    TAPER_PHASE_REDUCE = 0, /* a reduction */
    TAPER_PHASE_SWITCH = 1, /* part of a crossover to another drug; equivalent dose unchanged */
    TAPER_PHASE_HOLD = 2,   /* the same dose, held longer */
    TAPER_PHASE_STOP = 3    /* the last step: zero, or the maintenance dose */
} taper_phase;

/* What a plan's doses are measured in. Pinned values. */
typedef enum taper_basis {
    TAPER_BASIS_OWN_MG = 0,     /* mg of the drug itself */
    TAPER_BASIS_DIAZEPAM_MG = 1 /* mg diazepam-equivalent (crossover plans) */
} taper_basis;

/* A formulation's kind. Pinned values. */
typedef enum taper_form_kind {
    TAPER_FORM_TABLET = 0,
    TAPER_FORM_CAPSULE = 1,
    TAPER_FORM_BEADS = 2,
    TAPER_FORM_LIQUID = 3,
    TAPER_FORM_DROPS = 4
} taper_form_kind;

/* One part of a dose recipe. Pinned values. */
typedef enum taper_component_kind {
    TAPER_COMPONENT_UNITS = 0,    /* whole or split tablets / capsules */
    TAPER_COMPONENT_LIQUID = 1,   /* a volume of liquid */
    TAPER_COMPONENT_DROPS = 2,
    TAPER_COMPONENT_BEADS = 3,
    TAPER_COMPONENT_DILUTION = 4  /* a tablet dispersed in water, part of it taken */
} taper_component_kind;

/* A civil date. */
typedef struct taper_date {
    int32_t year;
    int32_t month; /* 1..12 */
    int32_t day;   /* 1..31 */
} taper_date;

typedef struct taper_error taper_error;

/* The library's version, "MAJOR.MINOR.PATCH". Static storage: never free it. Thread-safe. */
const char* taper_version(void);

/* The C ABI version the library was built with (TAPER_ABI_VERSION). Thread-safe. */
int taper_abi_version(void);

/* TAPER_OK if the library's ABI version equals `expected_abi_version` (pass the
 * TAPER_ABI_VERSION your program or binding was written against); otherwise
 * TAPER_ERROR_ABI_MISMATCH with a message naming both versions. Thread-safe. */
taper_status taper_abi_check(int expected_abi_version, taper_error** error);

/* The enumerator's name, e.g. "TAPER_ERROR_PARSE"; "TAPER_STATUS_UNKNOWN" for a value that
 * is not a taper_status. Static storage: never free it. Never NULL. Thread-safe. */
const char* taper_status_name(taper_status status);

/* "reduce", "switch", "hold", "stop" (as in the JSON export); "unknown" for other values.
 * Static storage. Never NULL. Thread-safe. */
const char* taper_phase_name(taper_phase phase);

/* "own_mg", "diazepam_mg" (as in the JSON export); "unknown" for other values. Static
 * storage. Never NULL. */
const char* taper_basis_name(taper_basis basis);

/* "tablet", "capsule", "beads", "liquid", "drops"; "unknown" for other values. Static
 * storage. Never NULL. */
const char* taper_form_kind_name(taper_form_kind kind);

/* "units", "liquid", "drops", "beads", "dilution"; "unknown" for other values. Static
 * storage. Never NULL. */
const char* taper_component_kind_name(taper_component_kind kind);

/* The error's message (borrowed from `error`: valid until taper_error_free). "" for NULL.
 * Never NULL. */
const char* taper_error_message(const taper_error* error);

/* The error's status; TAPER_OK for NULL. */
taper_status taper_error_status(const taper_error* error);

/* Frees an error. Accepts NULL. */
void taper_error_free(taper_error* error);

/* An error's detail as data (never parse the message): what kind of error, finer than the
 * status (the same numbers as C++'s taper::error_code). Pinned values. */
typedef enum taper_error_code {
    TAPER_ERROR_CODE_UNSPECIFIED = 0,
    TAPER_ERROR_CODE_PARSE = 1,
    TAPER_ERROR_CODE_FORMULARY = 2,
    TAPER_ERROR_CODE_UNKNOWN_DRUG = 3,
    TAPER_ERROR_CODE_MISSING_DATA = 4,
    TAPER_ERROR_CODE_INVALID_ARGUMENT = 5,
    TAPER_ERROR_CODE_PLAN_REQUEST = 6,
    TAPER_ERROR_CODE_PLAN = 7,
    TAPER_ERROR_CODE_STRATEGY_OPTION = 8,
    TAPER_ERROR_CODE_UNKNOWN_STRATEGY = 9,
    TAPER_ERROR_CODE_STRATEGY_REGISTRATION = 10
} taper_error_code;

/* The error's taper_error_code (TAPER_ERROR_CODE_UNSPECIFIED for NULL or an error without
 * detail, such as a NULL argument). */
int32_t taper_error_detail_code(const taper_error* error);
/* Borrowed from `error` (valid until taper_error_free), "" when not known or for NULL (never
 * NULL): the input as given, what was expected, and the option or request field at fault
 * ("max step", "tail_step"). A TAPER_ERROR_STRATEGY about one option names it here by its
 * schema name, so that a front end can point at its own spelling of it. */
const char* taper_error_input(const taper_error* error);
const char* taper_error_expected(const taper_error* error);
const char* taper_error_option(const taper_error* error);
/* Suggestions (the nearest drug or strategy names): how many, and one (borrowed; NULL past
 * the end). */
size_t taper_error_suggestion_count(const taper_error* error);
const char* taper_error_suggestion(const taper_error* error, size_t index);

/* Frees an allocated string returned by the library. Accepts NULL. */
void taper_string_free(char* string);

/* ===================================================================================== */
/* Text in and out: quantities and dates                                                  */
/* ===================================================================================== */

/* Parse a mass ("2.5 mg", "500 mcg", "1 g") into mg. TAPER_ERROR_PARSE naming the input and
 * what was expected. Locale-independent. Thread-safe. */
taper_status taper_parse_mass(double* out_mg, const char* text, taper_error** error);

/* Parse a volume ("2.5 mL", "1 L") into mL. TAPER_ERROR_PARSE. Thread-safe. */
taper_status taper_parse_volume(double* out_ml, const char* text, taper_error** error);

/* Parse a concentration ("20 mg/mL", "10 mg/5 mL") into mg/mL. TAPER_ERROR_PARSE. */
taper_status taper_parse_concentration(double* out_mg_per_ml, const char* text,
                                                   taper_error** error);

/* Parse a duration ("14 d", "4 weeks", "12 h") into days. TAPER_ERROR_PARSE. */
taper_status taper_parse_duration(double* out_days, const char* text, taper_error** error);

/* Parse an ISO 8601 date "2026-12-01", from 1900-01-01 to 9999-12-31. TAPER_ERROR_PARSE for
 * anything else, including impossible dates and dates outside that range. */
taper_status taper_parse_date(taper_date* out_date, const char* text, taper_error** error);

/* Buffer string: a mass as the library writes it, at full precision: the shortest text
 * that reads back to the same number ("11.887553957817733 mg"). `buffer` may be
 * NULL when buffer_size is 0 (to ask for the length). TAPER_ERROR_BUFFER_TOO_SMALL. */
taper_status taper_format_mass(char* buffer, size_t buffer_size, size_t* out_length,
                                           double mg, taper_error** error);

/* Buffer string: a date as ISO 8601, "2026-12-01" (11 bytes with the NUL).
 * TAPER_ERROR_INVALID_ARGUMENT for an impossible date or one outside 1900-01-01 to 9999-12-31
 * (every date taper writes has a four-digit year); TAPER_ERROR_BUFFER_TOO_SMALL. */
taper_status taper_format_date(char* buffer, size_t buffer_size, size_t* out_length,
                                           int32_t year, int32_t month, int32_t day,
                                           taper_error** error);

/* ===================================================================================== */
/* The drug database                                                                      */
/* ===================================================================================== */

/* Threading: read-only use from any number of threads at once; overlays need exclusive
 * access (and invalidate the borrowed strings obtained from the handle). */
typedef struct taper_database taper_database;

/* A new database holding a copy of the embedded default data. The caller owns *out_db
 * (taper_database_free). */
taper_status taper_database_create_embedded(taper_database** out_db, taper_error** error);

/* A new empty database. The caller owns *out_db. */
taper_status taper_database_create_empty(taper_database** out_db, taper_error** error);

/* A new copy of `db`. The caller owns *out_db. */
taper_status taper_database_clone(taper_database** out_db, const taper_database* db,
                                              taper_error** error);

/* Frees a database. Accepts NULL. Every borrowed string from it becomes invalid. */
void taper_database_free(taper_database* db);

/* Lay a formulary file (taper-formulary JSON, docs/drug-data.md) over `db`.
 * TAPER_ERROR_FORMULARY naming the file, drug and field; on error `db` is unchanged. */
taper_status taper_database_overlay_file(taper_database* db, const char* path,
                                                     taper_error** error);

/* The same from JSON text. `origin` names the text in messages (NULL: "<string>"). */
taper_status taper_database_overlay_json(taper_database* db, const char* json,
                                                     const char* origin, taper_error** error);

/* Number of drugs; 0 for NULL. */
size_t taper_database_count(const taper_database* db);

/* Borrowed string: the canonical (lower-case generic) name of drug `index` (0-based, in
 * the database's order). TAPER_ERROR_INDEX_OUT_OF_RANGE. */
taper_status taper_database_name(const taper_database* db, const char** out_name,
                                             size_t index, taper_error** error);

/* Borrowed string: the canonical name for a name, alias or brand (any case).
 * TAPER_ERROR_UNKNOWN_DRUG with "did you mean" suggestions in the message. */
taper_status taper_database_lookup(const taper_database* db, const char** out_name,
                                               const char* query, taper_error** error);

/* Allocated string: everything the database holds about one drug as a JSON object (names,
 * class, occupancy models, half-life, formulations, equivalents, cautions, each value with
 * its provenance); layout in docs/c-api.md. TAPER_ERROR_UNKNOWN_DRUG. */
taper_status taper_database_drug_json(const taper_database* db, char** out_json,
                                                  const char* drug, taper_error** error);

/* Receptor occupancy (%) of `drug` at a daily dose, with the model `model_id` (NULL or "":
 * the drug's default). TAPER_ERROR_UNKNOWN_DRUG, TAPER_ERROR_MISSING_DATA (no usable
 * model), TAPER_ERROR_INVALID_ARGUMENT (a dose outside 0 to 1000000 mg, or not finite). */
taper_status taper_database_occupancy(const taper_database* db, double* out_percent,
                                                  const char* drug, const char* model_id,
                                                  double daily_dose_mg, taper_error** error);

/* The daily dose (mg) giving `occupancy_percent` with the model (NULL or "": default).
 * TAPER_ERROR_INVALID_ARGUMENT unless 0 <= occupancy < Emax; as above otherwise. */
taper_status taper_database_dose_for_occupancy(const taper_database* db, double* out_mg,
                                                           const char* drug, const char* model_id,
                                                           double occupancy_percent,
                                                           taper_error** error);

/* ===================================================================================== */
/* Plan requests                                                                          */
/* ===================================================================================== */

/* Every field of a plan request. Threading: one thread at a time while it is changed. */
typedef struct taper_request taper_request;

/* The fields taper_request_reset can put back to their defaults. Pinned values. */
typedef enum taper_request_field {
    TAPER_REQUEST_DRUG = 0,                /* "" */
    TAPER_REQUEST_DAILY_DOSE = 1,          /* 0 mg */
    TAPER_REQUEST_SPLIT = 2,               /* empty: once daily */
    TAPER_REQUEST_START_DATE = 3,          /* unset: taper_plan refuses the request */
    TAPER_REQUEST_INTERVAL = 4,            /* 28 days */
    TAPER_REQUEST_PHASE_INTERVALS = 5,     /* none */
    TAPER_REQUEST_MAX_STEP_MG = 6,         /* unset */
    TAPER_REQUEST_MAX_STEP_PERCENT = 7,    /* unset */
    TAPER_REQUEST_MAX_STEP_POINTS = 8,     /* unset */
    TAPER_REQUEST_MIN_CHANGE = 9,          /* 0 mg */
    TAPER_REQUEST_FINAL_DOSE = 10,         /* unset */
    TAPER_REQUEST_MAINTENANCE = 11,        /* 0 mg */
    TAPER_REQUEST_MAX_STEPS = 12,          /* unset */
    TAPER_REQUEST_MAX_DURATION = 13,       /* unset */
    TAPER_REQUEST_HOLDS = 14,              /* none */
    TAPER_REQUEST_HALF_LIFE_PACING = 15,   /* off */
    TAPER_REQUEST_OCCUPANCY_MODEL = 16,    /* "": the drug's default */
    TAPER_REQUEST_EQUIVALENCE_TABLE = 17,  /* "ashton" */
    TAPER_REQUEST_CURRENT_FORMULATION = 18 /* "" */
} taper_request_field;

/* A new request with the defaults above. The caller owns *out_request (taper_request_free). */
taper_status taper_request_create(taper_request** out_request, taper_error** error);

/* A new copy of `request`. The caller owns *out_request. */
taper_status taper_request_clone(taper_request** out_request, const taper_request* request,
                                             taper_error** error);

/* Frees a request. Accepts NULL. */
void taper_request_free(taper_request* request);

/* Puts one field back to its default. TAPER_ERROR_INVALID_ARGUMENT for a bad field. */
taper_status taper_request_reset(taper_request* request, taper_request_field field,
                                             taper_error** error);

/* Setters. Values are copied. The planner checks them (TAPER_ERROR_PLAN naming the field);
 * a setter itself only refuses NULL and what cannot be stored (TAPER_ERROR_INVALID_ARGUMENT). */

/* The drug: name, alias or brand. */
taper_status taper_request_set_drug(taper_request* request, const char* drug,
                                                taper_error** error);
/* What is taken per day now, mg. */
taper_status taper_request_set_daily_dose_mg(taper_request* request, double mg,
                                                         taper_error** error);
/* Appends one dose-time of the day ("morning", 10 mg) to the split; the split's doses
 * must add up to the daily dose. Reset TAPER_REQUEST_SPLIT to clear it. */
taper_status taper_request_add_dose_time(taper_request* request, const char* time,
                                                     double mg, taper_error** error);
/* First day of step 1. Required: taper_plan and taper_request_validate refuse a request
 * without one (TAPER_ERROR_PLAN, option "start_date"); taper never guesses the day, so pass
 * today's date to start today. TAPER_ERROR_INVALID_ARGUMENT for an impossible date or one
 * outside 1900-01-01 to 9999-12-31. */
taper_status taper_request_set_start_date(taper_request* request, int32_t year,
                                                      int32_t month, int32_t day,
                                                      taper_error** error);
/* Length of each step, days. */
taper_status taper_request_set_interval_days(taper_request* request, double days,
                                                         taper_error** error);
/* Length of the steps of one phase (e.g. switch steps), days; replaces an earlier one. */
taper_status taper_request_set_phase_interval_days(taper_request* request, taper_phase phase,
                                                               double days, taper_error** error);
/* Largest cut per step in mg (of the plan's basis). */
taper_status taper_request_set_max_step_mg(taper_request* request, double mg,
                                                       taper_error** error);
/* Largest cut per step, % of the most recent dose. */
taper_status taper_request_set_max_step_percent(taper_request* request, double percent,
                                                            taper_error** error);
/* Largest cut per step in receptor-occupancy percentage points. */
taper_status taper_request_set_max_step_points(taper_request* request, double points,
                                                           taper_error** error);
/* A smaller change than this (mg) is not worth a step. */
taper_status taper_request_set_min_change_mg(taper_request* request, double mg,
                                                         taper_error** error);
/* The last dose before stopping, mg. */
taper_status taper_request_set_final_dose_mg(taper_request* request, double mg,
                                                         taper_error** error);
/* End on this dose instead of stopping, mg. */
taper_status taper_request_set_maintenance_mg(taper_request* request, double mg,
                                                          taper_error** error);
/* The plan must finish within this many steps. */
taper_status taper_request_set_max_steps(taper_request* request, int32_t steps,
                                                     taper_error** error);
/* ... or within this many days. */
taper_status taper_request_set_max_duration_days(taper_request* request, double days,
                                                             taper_error** error);
/* Stay on the dose of step `after_step` (1-based) for an extra `days`. Appends. */
taper_status taper_request_add_hold(taper_request* request, int32_t after_step, double days,
                                                taper_error** error);
/* Slower, smaller steps for short half-lives: 0 or 1. */
taper_status taper_request_set_half_life_pacing(taper_request* request, int enabled,
                                                            taper_error** error);
/* Occupancy model id; "" = the drug's default. */
taper_status taper_request_set_occupancy_model(taper_request* request, const char* model_id,
                                                           taper_error** error);
/* Diazepam-equivalence table ("ashton", "va-dod-2021"). */
taper_status taper_request_set_equivalence_table(taper_request* request, const char* table,
                                                             taper_error** error);
/* Formulation id in use (for whole-unit warnings); "" = none. */
taper_status taper_request_set_current_formulation(taper_request* request,
                                                               const char* formulation_id,
                                                               taper_error** error);

/* Checks the request against the database without planning. TAPER_ERROR_PLAN naming the
 * field, TAPER_ERROR_UNKNOWN_DRUG, TAPER_ERROR_MISSING_DATA. */
taper_status taper_request_validate(const taper_request* request, const taper_database* db,
                                                taper_error** error);

/* --- Request fields by key ----------------------------------------------------------- */
/* One typed set and get for every field (zstd's ZSTD_CCtx_setParameter / getBounds), so a
 * binding reads each field's name, unit, range and default from the library instead of
 * restating them. The per-field setters above stay for programs that use them; each does what
 * the keyed setter does with its key (the keyed setter also refuses a max_steps below 1 or not
 * whole, which the per-field one leaves to the planner). */

/* How a field's value is passed. */
typedef enum taper_request_value_kind {
    TAPER_REQUEST_VALUE_TEXT = 0,    /* taper_request_set_text / get_text */
    TAPER_REQUEST_VALUE_NUMBER = 1,  /* a number in the field's unit: set_number / get_number */
    TAPER_REQUEST_VALUE_COUNT = 2,   /* a whole number (max_steps), passed as a double */
    TAPER_REQUEST_VALUE_FLAG = 3,    /* 0 or 1, passed as a double */
    TAPER_REQUEST_VALUE_DATE = 4,    /* ISO 8601 text "2026-12-01" through set_text / get_text */
    TAPER_REQUEST_VALUE_LIST = 5     /* split, phase intervals, holds: built with the add and
                                        set_phase functions above; get_number gives the item count,
                                        the bounds are each item's */
} taper_request_value_kind;

/* What a field is. Strings are static (valid for the process). Bounds and default are in `unit`. */
typedef struct taper_request_field_info {
    uint32_t struct_size;          /* sizeof(taper_request_field_info) */
    taper_request_field field;
    const char* name;              /* "max_step_percent": the key taper_request_field_from_name reads */
    taper_request_value_kind kind;
    const char* unit;              /* "mg", "days", "%", "points"; "" for text, date, count, flag */
    const char* description;       /* one line */
    int required;                  /* 1: taper_plan refuses a request without it */
    int optional;                  /* 1: unset by default, and then not applied (a limit) */
    int has_default;               /* 1: default_number or default_text holds the default */
    double default_number;         /* number, count and flag kinds; else NaN */
    const char* default_text;      /* text and date kinds ("" when unset); else NULL */
    int has_minimum;
    double minimum;
    int minimum_inclusive;
    int has_maximum;
    double maximum;
    int maximum_inclusive;
} taper_request_field_info;

/* The number of request fields (taper_request_field values 0 ... count - 1). Cannot fail. */
size_t taper_request_field_count(void);
/* Fills *out for `field`. Set out->struct_size first. TAPER_ERROR_INVALID_ARGUMENT for a bad
 * field, TAPER_ERROR_ABI_MISMATCH for a struct_size the growable-struct rule refuses. */
taper_status taper_request_field_describe(taper_request_field field, taper_request_field_info* out,
                                                      taper_error** error);
/* The field named `name` ("max_step_percent"). TAPER_ERROR_INVALID_ARGUMENT for an unknown name
 * (taper_error_suggestion_count / taper_error_suggestion give the nearest key). */
taper_status taper_request_field_from_name(const char* name, taper_request_field* out_field,
                                                       taper_error** error);
/* Sets a number, count or flag field. Out of the field's bounds, not finite, a count that is not
 * whole or a flag other than 0 or 1: TAPER_ERROR_PLAN naming the field and the range expected.
 * A text, date or list field: TAPER_ERROR_INVALID_ARGUMENT. Reset a field to unset it. */
taper_status taper_request_set_number(taper_request* request, taper_request_field field,
                                                  double value, taper_error** error);
/* Reads a number, count or flag field, or a list field's item count. *out_is_set (may be NULL)
 * is 0 for an optional field that is unset, and *out_value is then NaN. A text or date field:
 * TAPER_ERROR_INVALID_ARGUMENT. */
taper_status taper_request_get_number(const taper_request* request, taper_request_field field,
                                                  double* out_value, int* out_is_set, taper_error** error);
/* Sets a text or date field (the date as "YYYY-MM-DD", 1900-01-01 to 9999-12-31, else
 * TAPER_ERROR_PARSE). Any other kind: TAPER_ERROR_INVALID_ARGUMENT. */
taper_status taper_request_set_text(taper_request* request, taper_request_field field,
                                                const char* text, taper_error** error);
/* Reads a text or date field ("" for an unset start date). *out_text is borrowed from the
 * request until that field is next changed or the request is freed. */
taper_status taper_request_get_text(const taper_request* request, taper_request_field field,
                                                const char** out_text, taper_error** error);

/* ===================================================================================== */
/* Strategy options and the registry                                                      */
/* ===================================================================================== */

/* The settings a strategy is made from by name: an open set of typed values, each set by its
 * name. What each strategy accepts (names, kinds, defaults, bounds) is its schema: read it
 * with taper_registry_option_count / taper_registry_option / taper_registry_schema_json.
 * The registry checks options against the schema when it makes the strategy (unknown name,
 * wrong kind, out of bounds: TAPER_ERROR_STRATEGY, naming the option). Threading: one thread
 * at a time while it is changed. */
typedef struct taper_strategy_options taper_strategy_options;

/* What an option's value is, with its unit. Pinned values; the names in the JSON schema are
 * "mass", "percent", "occupancy_points", "fraction", "days", "choice", "occupancy_list",
 * "table_rows". */
typedef enum taper_option_kind {
    TAPER_OPTION_KIND_MASS = 0,             /* number: mg */
    TAPER_OPTION_KIND_PERCENT = 1,          /* number: % of a dose */
    TAPER_OPTION_KIND_OCCUPANCY_POINTS = 2, /* number: receptor occupancy points */
    TAPER_OPTION_KIND_FRACTION = 3,         /* number: a share of a dose, 0 to 1 */
    TAPER_OPTION_KIND_DAYS = 4,             /* number: days */
    TAPER_OPTION_KIND_CHOICE = 5,           /* text: one of the option's choices */
    TAPER_OPTION_KIND_OCCUPANCY_LIST = 6,   /* list of occupancy points (taper_strategy_options_add_occupancy) */
    TAPER_OPTION_KIND_TABLE_ROWS = 7        /* rows (taper_strategy_options_add_table_row) */
} taper_option_kind;

/* What an option does beyond its value. Pinned values. */
typedef enum taper_option_role {
    TAPER_OPTION_ROLE_NONE = 0,
    TAPER_OPTION_ROLE_STEP_SIZE = 1,  /* the size of each step, in its kind */
    TAPER_OPTION_ROLE_STEP_LENGTH = 2 /* the length of each step */
} taper_option_role;

/* A new, empty set of options. The caller owns *out_options (taper_strategy_options_free). */
taper_status taper_strategy_options_create(taper_strategy_options** out_options,
                                                       taper_error** error);
/* Frees options. Accepts NULL. */
void taper_strategy_options_free(taper_strategy_options* options);

/* Sets option `name` (copied) to a number of `kind` (MASS, PERCENT, OCCUPANCY_POINTS,
 * FRACTION or DAYS), replacing any value. TAPER_ERROR_INVALID_ARGUMENT for another kind. */
taper_status taper_strategy_options_set_number(taper_strategy_options* options, const char* name,
                                                           taper_option_kind kind, double value,
                                                           taper_error** error);
/* Sets option `name` to a text (a choice; or any text for a strategy written in C). Copied. */
taper_status taper_strategy_options_set_text(taper_strategy_options* options, const char* name,
                                                         const char* text, taper_error** error);
/* Appends an occupancy level (points) to list option `name`, making it a list if unset.
 * TAPER_ERROR_INVALID_ARGUMENT if `name` holds a value of another kind. */
taper_status taper_strategy_options_add_occupancy(taper_strategy_options* options, const char* name,
                                                              double points, taper_error** error);
/* Appends a row to table option `name` (the `table` strategy's is "table"): a daily dose and
 * its length in days (0 = the request's interval). TAPER_ERROR_INVALID_ARGUMENT as above. */
taper_status taper_strategy_options_add_table_row(taper_strategy_options* options, const char* name,
                                                              double daily_dose_mg, double length_days,
                                                              taper_error** error);
/* Unsets option `name` (nothing happens if it is not set). */
taper_status taper_strategy_options_unset(taper_strategy_options* options, const char* name,
                                                      taper_error** error);

/* A number option read in `kind`'s unit: *out_is_set = 0 or 1, *out_value = the value or NaN
 * (also when it holds a value of another kind). */
taper_status taper_strategy_options_get_number(const taper_strategy_options* options,
                                                           const char* name, taper_option_kind kind,
                                                           double* out_value, int* out_is_set,
                                                           taper_error** error);
/* Borrowed string: a text option, or NULL (with TAPER_OK) when it is not set or not text. */
taper_status taper_strategy_options_get_text(const taper_strategy_options* options,
                                                         const char* name, const char** out_text,
                                                         taper_error** error);

/* Strategies by name. Threading: read-only use from any number of threads; adding needs
 * exclusive access. */
typedef struct taper_registry taper_registry;

/* A new registry with the built-in strategies (linear, proportional, proportional-of-start,
 * hyperbolic, antipsychotic, diazepam-crossover, tapering-strip, table). Caller owns it. */
taper_status taper_registry_create_builtin(taper_registry** out_registry, taper_error** error);
/* A new empty registry. Caller owns it. */
taper_status taper_registry_create_empty(taper_registry** out_registry, taper_error** error);
/* Frees a registry. Accepts NULL. Custom strategies' user data is destroyed once no
 * registry or running plan uses it any more. */
void taper_registry_free(taper_registry* registry);

/* Number of strategies; 0 for NULL. */
size_t taper_registry_count(const taper_registry* registry);
/* Borrowed strings: the name and description of strategy `index` (sorted by name). Either
 * out-parameter may be NULL. TAPER_ERROR_INDEX_OUT_OF_RANGE. */
taper_status taper_registry_entry(const taper_registry* registry, const char** out_name,
                                              const char** out_description, size_t index,
                                              taper_error** error);

/* One option of a strategy's schema. Strings are borrowed from the registry. Numbers are in
 * the kind's unit (`unit`: "mg", "%", "pp", "fraction", "days"; "" for the other kinds;
 * bounds of an occupancy list apply to each item, in points). */
typedef struct taper_option_info {
    uint32_t struct_size;        /* sizeof(taper_option_info) */
    const char* name;
    taper_option_kind kind;
    const char* unit;
    const char* description;     /* one line */
    taper_option_role role;
    int required;                /* 1: the strategy cannot be made without it */
    int has_default;             /* 1: default_number or default_text holds the default */
    double default_number;       /* number kinds; else NaN */
    const char* default_text;    /* choice kind; else NULL */
    int has_minimum;
    double minimum;
    int minimum_inclusive;
    int has_maximum;
    double maximum;
    int maximum_inclusive;
    size_t choice_count;         /* choice kind: taper_registry_option_choice */
} taper_option_info;

/* How many options strategy `strategy_name` declares. TAPER_ERROR_STRATEGY for an unknown name. */
taper_status taper_registry_option_count(const taper_registry* registry, const char* strategy_name,
                                                     size_t* out_count, taper_error** error);
/* Option `index` of the strategy's schema (in declaration order). Set out->struct_size first.
 * TAPER_ERROR_INDEX_OUT_OF_RANGE, TAPER_ERROR_STRATEGY, TAPER_ERROR_ABI_MISMATCH. */
taper_status taper_registry_option(const taper_registry* registry, const char* strategy_name,
                                               size_t index, taper_option_info* out, taper_error** error);
/* Borrowed string: choice `choice_index` of option `option_index`. */
taper_status taper_registry_option_choice(const taper_registry* registry, const char* strategy_name,
                                                      size_t option_index, size_t choice_index,
                                                      const char** out_choice, taper_error** error);
/* Every strategy's schema as JSON (docs/strategy-options.md). Caller frees (taper_string_free). */
taper_status taper_registry_schema_json(const taper_registry* registry, char** out_json,
                                                    taper_error** error);

/* Sets option `name` of strategy `strategy_name` to a number in the unit its schema gives it
 * (mg, %, points, fraction or days: taper_registry_option), so that the caller does not
 * restate the kind. `registry` NULL: the built-ins. TAPER_ERROR_STRATEGY for an unknown
 * strategy or an option it does not declare (taper_error_option names it, taper_error_expected
 * lists the declared ones); TAPER_ERROR_INVALID_ARGUMENT for an option that is not a single
 * number (a choice, a list, a table). Bounds are checked when the strategy is made. */
taper_status taper_strategy_options_set_schema_number(taper_strategy_options* options,
                                                                  const taper_registry* registry,
                                                                  const char* strategy_name, const char* name,
                                                                  double value, taper_error** error);
/* The default strategy for a drug (the library's policy, as `taper plan` uses it):
 * `step_kind` is the kind of a step size the person gave, or -1 for none; `has_table` 1 when
 * they gave their own table. *out_strategy (a strategy name) and *out_reason (one line) are
 * borrowed, valid for the process. TAPER_ERROR_UNKNOWN_DRUG. */
taper_status taper_suggest_strategy(const taper_database* db, const char* drug, int step_kind,
                                                int has_table, const char** out_strategy,
                                                const char** out_reason, taper_error** error);

/* --- Custom strategies from C ------------------------------------------------------ */

/* What a strategy callback may read, valid only during the callback. */
typedef struct taper_strategy_context taper_strategy_context;

/* The next dose a strategy proposes. The library zeroes it before each call (phase 0 is
 * TAPER_PHASE_REDUCE). */
typedef struct taper_target {
    double daily_dose_mg; /* daily dose of the drug, mg (custom strategies plan in own mg) */
    int32_t phase;        /* taper_phase: REDUCE or HOLD (STOP: return 0 instead) */
    double length_days;   /* this step's length; 0 = the request's interval */
    const char* note;     /* shown on the step, or NULL. Read after the callback returns, so it
                             must outlive the call (a string literal, or text kept in
                             user_data); for text in a stack buffer use
                             taper_strategy_context_set_note, which copies it at once and
                             takes precedence. With a negative return it is the error message. */
} taper_target;

#define TAPER_STRATEGY_VTABLE_VERSION 1

typedef struct taper_strategy_vtable {
    uint32_t struct_size; /* sizeof(taper_strategy_vtable) */
    uint32_t version;     /* TAPER_STRATEGY_VTABLE_VERSION */
    /* Propose the next step: fill *out and return 1; return 0 to stop (the planner adds the
     * stop step); return a negative number for an error, which fails the plan with
     * TAPER_ERROR_PLAN naming the strategy (and out->note as the reason, if set).
     * Required. May be called from several threads at once (see Threading). */
    int (*next)(void* user_data, const taper_strategy_context* context, taper_target* out);
    /* Called once with user_data when the last user of the strategy is gone. May be NULL. */
    void (*destroy)(void* user_data);
} taper_strategy_vtable;

/* Registers a strategy implemented in C. The vtable is copied; `user_data` is passed to
 * every callback. On success the library owns user_data and calls vtable->destroy(user_data)
 * exactly once when the registry and every plan using the strategy are done with it; on
 * failure nothing is taken and destroy is not called. TAPER_ERROR_STRATEGY for an empty or
 * taken name, TAPER_ERROR_ABI_MISMATCH for a vtable size or version this library does not
 * know, TAPER_ERROR_INVALID_ARGUMENT for a NULL next. The strategy made by name keeps a
 * copy of the options it was made with (taper_strategy_context_options). */
taper_status taper_registry_add(taper_registry* registry, const char* name,
                                            const char* description,
                                            const taper_strategy_vtable* vtable, void* user_data,
                                            taper_error** error);

/* Declares an option of strategy `strategy_name` registered with taper_registry_add, so that
 * the registry checks it (its kind) and lists it like a built-in's. A C strategy that declares
 * no option accepts any option unchecked; once it declares one, options it does not declare
 * are refused. `name` and `description` are copied. TAPER_ERROR_STRATEGY for an unknown
 * strategy or a name already declared; TAPER_ERROR_INVALID_ARGUMENT for a bad kind. */
taper_status taper_registry_add_option(taper_registry* registry, const char* strategy_name,
                                                   const char* name, taper_option_kind kind,
                                                   const char* description, taper_error** error);

/* Context readers, for use inside a callback only (`context` is valid during the call). */

/* The starting daily dose, mg. */
taper_status taper_strategy_context_start_dose_mg(const taper_strategy_context* context,
                                                              double* out_mg, taper_error** error);
/* The most recent daily dose: the last step's, or the start. */
taper_status taper_strategy_context_latest_dose_mg(const taper_strategy_context* context,
                                                               double* out_mg, taper_error** error);
/* Number of steps planned so far; 0 for NULL. */
size_t taper_strategy_context_step_count(const taper_strategy_context* context);
/* One step planned so far (borrowed strings inside are valid during the callback).
 * TAPER_ERROR_INDEX_OUT_OF_RANGE, TAPER_ERROR_ABI_MISMATCH (struct_size). */
typedef struct taper_step_info taper_step_info;
taper_status taper_strategy_context_step(const taper_strategy_context* context,
                                                     taper_step_info* out_step, size_t index,
                                                     taper_error** error);
/* Borrowed string: the drug's canonical name. */
taper_status taper_strategy_context_drug(const taper_strategy_context* context,
                                                     const char** out_name, taper_error** error);
/* Occupancy (%) at a dose with the plan's model. TAPER_ERROR_MISSING_DATA when the drug
 * has no usable model, TAPER_ERROR_INVALID_ARGUMENT for a bad dose. */
taper_status taper_strategy_context_occupancy(const taper_strategy_context* context,
                                                          double* out_percent, double daily_dose_mg,
                                                          taper_error** error);
/* The dose (mg) for an occupancy with the plan's model. As above. */
taper_status taper_strategy_context_dose_for_occupancy(const taper_strategy_context* context,
                                                                   double* out_mg, double occupancy_percent,
                                                                   taper_error** error);
/* The note of the step being proposed (or, with a negative return, the error message),
 * copied at once: `text` may be in a stack buffer of the callback. Replaces an earlier
 * note of this call; NULL clears it. Overrides taper_target.note. */
taper_status taper_strategy_context_set_note(const taper_strategy_context* context,
                                                         const char* text, taper_error** error);
/* Borrowed: the options the strategy was made with (read them with
 * taper_strategy_options_get_number / _get_text). Valid during the callback. */
taper_status taper_strategy_context_options(const taper_strategy_context* context,
                                                        const taper_strategy_options** out_options,
                                                        taper_error** error);

/* ===================================================================================== */
/* Planning and schedules                                                                 */
/* ===================================================================================== */

/* A dated schedule. Immutable: any number of threads may read it. */
typedef struct taper_schedule taper_schedule;

/* Plans `request` with the strategy `strategy_name` from `registry` (NULL: the built-ins),
 * made with `options` (NULL: none). The caller owns *out_schedule (taper_schedule_free).
 * Errors: TAPER_ERROR_PLAN (naming the field or the strategy), TAPER_ERROR_STRATEGY
 * (unknown name, options the strategy cannot use), TAPER_ERROR_UNKNOWN_DRUG,
 * TAPER_ERROR_MISSING_DATA, TAPER_ERROR_INVALID_ARGUMENT.
 * Threading: db and registry may be shared with other threads planning at the same time. */
taper_status taper_plan(taper_schedule** out_schedule, const taper_database* db,
                                    const taper_request* request, const taper_registry* registry,
                                    const char* strategy_name, const taper_strategy_options* options,
                                    taper_error** error);

/* Frees a schedule. Accepts NULL. */
void taper_schedule_free(taper_schedule* schedule);

/* The schedule as a whole. Strings are borrowed from the schedule. */
typedef struct taper_schedule_info {
    uint32_t struct_size;             /* sizeof(taper_schedule_info) */
    int32_t basis;                    /* taper_basis */
    const char* drug;                 /* canonical name */
    const char* strategy;
    const char* occupancy_model;      /* "" if none */
    const char* occupancy_receptor;   /* "" if none */
    const char* equivalence_table;    /* "" unless a diazepam-basis plan */
    double start_dose_mg;             /* daily, of the drug, as requested */
    double start_equivalent_dose_mg;  /* the same in the plan's basis */
    double start_occupancy_percent;   /* NaN without a model */
    double final_dose_mg;             /* the last step's, in the plan's basis */
    taper_date start;
    taper_date end;                   /* the day after the last day */
    int64_t total_days;
    size_t step_count;
    size_t warning_count;             /* plan-wide warnings */
    size_t start_dose_time_count;     /* the starting split (at least 1: "daily") */
} taper_schedule_info;

taper_status taper_schedule_get_info(const taper_schedule* schedule,
                                                 taper_schedule_info* out_info, taper_error** error);

/* Number of steps; 0 for NULL. */
size_t taper_schedule_step_count(const taper_schedule* schedule);

/* Borrowed string: plan-wide warning `index`. TAPER_ERROR_INDEX_OUT_OF_RANGE. */
taper_status taper_schedule_warning(const taper_schedule* schedule, const char** out_text,
                                                size_t index, taper_error** error);

/* One dose-time of the starting split (borrowed time name, mg). INDEX_OUT_OF_RANGE. */
taper_status taper_schedule_start_dose_time(const taper_schedule* schedule,
                                                        const char** out_time, double* out_mg,
                                                        size_t index, taper_error** error);

/* One step. */
struct taper_step_info {
    uint32_t struct_size;             /* sizeof(taper_step_info) */
    int32_t number;                   /* 1-based */
    int32_t phase;                    /* taper_phase */
    taper_date start;
    taper_date end;                   /* the day after the last day */
    int64_t day_offset;               /* days from the schedule's start to this step's */
    double length_days;
    double daily_dose_mg;             /* of the drug being tapered (0 once switched away) */
    double equivalent_daily_dose_mg;  /* in the plan's basis */
    double change_mg;                 /* reduction from the previous step (> 0 = lower) */
    double change_percent;            /* reduction, % of the previous step's dose */
    double occupancy_percent;         /* NaN without a model */
    double change_points;             /* occupancy reduction in points; NaN without a model */
    size_t dose_count;                /* dose lines (drug, time, mg) */
    size_t note_count;
    size_t warning_count;
    /* ABI 2 */
    size_t message_count;             /* note_count + warning_count (taper_schedule_step_message) */
};

/* Step `index` (0-based). TAPER_ERROR_INDEX_OUT_OF_RANGE, TAPER_ERROR_ABI_MISMATCH. */
taper_status taper_schedule_step(const taper_schedule* schedule, taper_step_info* out_step,
                                             size_t index, taper_error** error);

/* Dose line `line` of step `step`: borrowed drug and time names, amount in mg. Any
 * out-parameter may be NULL. TAPER_ERROR_INDEX_OUT_OF_RANGE. */
taper_status taper_schedule_step_dose(const taper_schedule* schedule, const char** out_drug,
                                                  const char** out_time, double* out_mg, size_t step,
                                                  size_t line, taper_error** error);

/* Borrowed strings: note / warning `index` of step `step`. TAPER_ERROR_INDEX_OUT_OF_RANGE. */
taper_status taper_schedule_step_note(const taper_schedule* schedule, const char** out_text,
                                                  size_t step, size_t index, taper_error** error);
taper_status taper_schedule_step_warning(const taper_schedule* schedule, const char** out_text,
                                                     size_t step, size_t index, taper_error** error);

/* A note or warning as a code (docs/messages.md). `id` is static; `text` is borrowed from the
 * schedule (valid until taper_schedule_free). */
typedef struct taper_message_info {
    uint32_t struct_size; /* sizeof(taper_message_info) */
    int32_t code;         /* taper_message_code */
    int32_t severity;     /* taper_severity */
    const char* id;       /* "cut_limited_by_max_step" */
    const char* text;     /* as people read it */
} taper_message_info;

/* Plan-wide message `index` (0 to taper_schedule_info.warning_count - 1), or, with
 * taper_schedule_step_message, message `index` of step `step` (notes and warnings in the
 * order the planner wrote them; count: taper_schedule_step_message_count).
 * TAPER_ERROR_INDEX_OUT_OF_RANGE, TAPER_ERROR_ABI_MISMATCH. */
taper_status taper_schedule_message(const taper_schedule* schedule, taper_message_info* out_message,
                                                size_t index, taper_error** error);
taper_status taper_schedule_step_message_count(const taper_schedule* schedule, size_t* out_count,
                                                           size_t step, taper_error** error);
taper_status taper_schedule_step_message(const taper_schedule* schedule,
                                                     taper_message_info* out_message, size_t step, size_t index,
                                                     taper_error** error);

/* The stable string id of a message code ("table_row"), or NULL for a number that is not a
 * code. Static storage. */
const char* taper_message_code_id(int32_t code);

/* The bulk accessor: every step's numbers in one call, into caller arrays of `capacity`
 * elements each (for NumPy and the like), named in a struct so that columns cannot be
 * swapped by position. Zero-initialise it, set struct_size, and point the columns you want
 * at arrays; a NULL column is not written. day_offset: days from the schedule's start
 * (whole numbers); occupancy_percent and change_points: NaN without a model; phase:
 * taper_phase values. */
typedef struct taper_schedule_column_arrays {
    uint32_t struct_size; /* sizeof(taper_schedule_column_arrays) */
    double* day_offset;
    double* length_days;
    double* daily_dose_mg;
    double* equivalent_daily_dose_mg;
    double* change_mg;
    double* change_percent;
    double* occupancy_percent;
    double* change_points;
    int32_t* phase;
} taper_schedule_column_arrays;

/* Fills `columns` (NULL: only count). *out_count receives the number of steps; if it exceeds
 * `capacity` nothing is written and the result is TAPER_ERROR_BUFFER_TOO_SMALL (call with
 * capacity 0 to ask). TAPER_ERROR_ABI_MISMATCH for a struct_size the growable-struct rule
 * refuses. */
taper_status taper_schedule_columns(const taper_schedule* schedule,
                                                const taper_schedule_column_arrays* columns,
                                                size_t* out_count, size_t capacity, taper_error** error);

/* Allocated strings: the schedule as JSON (docs/schedule.schema.json) or as CSV (RFC 4180,
 * CRLF), exactly as the C++ exporters write them. Free with taper_string_free. */
taper_status taper_schedule_to_json(const taper_schedule* schedule, char** out_json,
                                                taper_error** error);
taper_status taper_schedule_to_csv(const taper_schedule* schedule, char** out_csv,
                                               taper_error** error);

/* ===================================================================================== */
/* Forms on hand, realization, dispensing                                                 */
/* ===================================================================================== */

/* A list of products on hand (one strength of one formulation each). Threading: one thread
 * at a time while it is changed. */
typedef struct taper_forms taper_forms;

/* Parses "10 mg tablet, 2 mg/mL liquid, 40 mg/mL drops" against the drug's data; "any" is
 * every product of the drug, once per set the realization would use alike (never a scored one
 * where the same label is unscored elsewhere), as `taper plan --have any`.
 * Caller owns *out_forms. TAPER_ERROR_PARSE, TAPER_ERROR_PLAN (naming the item and listing
 * what the drug has), TAPER_ERROR_UNKNOWN_DRUG. */
taper_status taper_forms_parse(taper_forms** out_forms, const taper_database* db,
                                           const char* drug, const char* text, taper_error** error);
/* Every product the database has for the drug. Caller owns *out_forms. */
taper_status taper_forms_all(taper_forms** out_forms, const taper_database* db,
                                         const char* drug, taper_error** error);
/* A new empty list. Caller owns *out_forms. */
taper_status taper_forms_create_empty(taper_forms** out_forms, taper_error** error);
/* Appends copies of every item of `source` to `forms` (e.g. diazepam's forms for a
 * crossover). `source` may be `forms` itself. */
taper_status taper_forms_append(taper_forms* forms, const taper_forms* source,
                                            taper_error** error);
/* Frees a list. Accepts NULL. */
void taper_forms_free(taper_forms* forms);

/* Number of products; 0 for NULL. */
size_t taper_forms_count(const taper_forms* forms);

/* One product. Strings are borrowed from the list. */
typedef struct taper_form_info {
    uint32_t struct_size;              /* sizeof(taper_form_info) */
    int32_t kind;                      /* taper_form_kind */
    const char* drug;
    const char* formulation_id;
    const char* label;                 /* "10 mg tablet", "2 mg/mL liquid" */
    const char* caution;               /* "" if none */
    const char* bioavailability_source; /* "" if none */
    double unit_strength_mg;           /* tablets / capsules (beads: per capsule); else NaN */
    double liquid_strength_mg_per_ml;  /* liquids / drops; else NaN */
    double bioavailability;            /* per labelled mg, relative to tablets (1 if unknown) */
    double drop_volume_ml;             /* drops with a known drop size; else NaN */
    double beads_per_capsule;          /* beads with a known count; else NaN */
    int32_t may_split;
    int32_t must_dilute;
    int32_t dispersible;
    int32_t bioavailability_known;
} taper_form_info;

taper_status taper_forms_item(const taper_forms* forms, taper_form_info* out_info,
                                          size_t index, taper_error** error);

/* How realization measures and chooses. Set struct_size, then taper_realization_options_init
 * for the defaults, then change what you need. */
typedef struct taper_realization_options {
    uint32_t struct_size;              /* sizeof(taper_realization_options) */
    double syringe_resolution_ml;      /* liquid volumes are multiples of this (0.1) */
    double min_volume_ml;              /* smallest volume measured reliably (0.2) */
    double max_volume_ml;              /* largest single measurement (10) */
    int32_t allow_quarters;            /* quarter tablets where halves are allowed (1) */
    int32_t max_drops;                 /* most drops counted for one dose (40) */
    double tolerance_percent;          /* a dose further off gets a warning (5) */
    double tolerance_floor_mg;         /* absolute tolerance for tiny doses (0.01) */
    double tie_percent;                /* differences within this are ties (1) */
    int32_t allow_mixtures;            /* e.g. tablet + liquid top-up (1) */
    int32_t allow_dilution;            /* dispersing a tablet in water (1) */
    int32_t keep_forms_in_use;         /* change form only when needed (1) */
    int32_t max_pieces;                /* pieces + measurements per dose-time, 1..64 (8) */
    const double* dilution_volumes_ml; /* water volumes for dispersing; NULL: 10, 20, 50, 100 */
    size_t dilution_volume_count;
    double bottle_volume_ml;           /* for dispensing: bottle size, 1 to 100000; 0 = not known (0) */
} taper_realization_options;

/* Fills *options with the defaults, keeping options->struct_size, which must be set.
 * TAPER_ERROR_ABI_MISMATCH for a struct_size this library does not know. */
taper_status taper_realization_options_init(taper_realization_options* options,
                                                        taper_error** error);

/* A realized schedule: each dose-time of each step as a recipe. Immutable. */
typedef struct taper_realization taper_realization;

/* Realizes `schedule` with the products `forms`; `options` NULL means the defaults. The
 * schedule carries what realization needs (its request's limits, its drug, a crossover's
 * factors), so no database or request is asked for again. The realization keeps copies of
 * the forms and options, for its exports and dispensing. The caller owns *out_realization
 * (taper_realization_free). TAPER_ERROR_PLAN when nothing on hand can make any dose or the
 * options are unusable, TAPER_ERROR_ABI_MISMATCH (options struct_size). */
taper_status taper_realize(taper_realization** out_realization, const taper_schedule* schedule,
                                       const taper_forms* forms, const taper_realization_options* options,
                                       taper_error** error);

/* Frees a realization. Accepts NULL. */
void taper_realization_free(taper_realization* realization);

typedef struct taper_realization_info {
    uint32_t struct_size;       /* sizeof(taper_realization_info) */
    size_t step_count;          /* may exceed the schedule's: steps inserted after rounding */
    size_t equivalence_count;   /* bioavailability conversions used */
    size_t warning_count;
} taper_realization_info;

taper_status taper_realization_get_info(const taper_realization* realization,
                                                    taper_realization_info* out_info, taper_error** error);

/* Borrowed strings: equivalence / warning `index` of the whole realization. */
taper_status taper_realization_equivalence(const taper_realization* realization,
                                                       const char** out_text, size_t index,
                                                       taper_error** error);
taper_status taper_realization_warning(const taper_realization* realization,
                                                   const char** out_text, size_t index, taper_error** error);

/* Allocated strings: the realization as JSON (docs/schedule.schema.json, with "realization"
 * and "dispensing") or as CSV (the schedule's columns plus the realization's), exactly as
 * `taper plan ... --have ... --format json|csv` prints them (docs/output-formats.md). The
 * forms, tools and options are those the realization keeps. `dispense_period_days` 0: no
 * dispensing ("dispensing": null; the CSV has a row per dose line); a whole number of days
 * > 0: what to dispense per period of that length from the start ("dispensing" filled in;
 * the CSV lists the periods' lines instead, as with --dispense). A negative or fractional
 * period is TAPER_ERROR_INVALID_ARGUMENT. Free with taper_string_free. */
taper_status taper_realization_to_json(const taper_realization* realization, char** out_json,
                                                   double dispense_period_days, taper_error** error);
taper_status taper_realization_to_csv(const taper_realization* realization, char** out_csv,
                                                  double dispense_period_days, taper_error** error);

/* The realized steps as a schedule (step i of it is realized step i; inserted steps
 * included), to read with the taper_schedule_* functions or export. Caller owns it. */
taper_status taper_realization_schedule(taper_schedule** out_schedule,
                                                    const taper_realization* realization,
                                                    taper_error** error);

typedef struct taper_realized_step_info {
    uint32_t struct_size;       /* sizeof(taper_realized_step_info) */
    int32_t inserted;           /* added because rounding would have broken a limit */
    int32_t form_changed;       /* a switch point: the forms differ from the previous step */
    double realized_daily_mg;   /* tablet-equivalent mg per day, as taken */
    double difference_mg;       /* realized - planned */
    size_t recipe_count;        /* one per dose-time */
    size_t note_count;
    size_t warning_count;
    /* ABI 2 */
    size_t message_count;       /* note_count + warning_count (taper_realization_step_message) */
} taper_realized_step_info;

taper_status taper_realization_step(const taper_realization* realization,
                                                taper_realized_step_info* out_step, size_t index,
                                                taper_error** error);
/* Borrowed strings: realization note / warning `index` of step `step`. */
taper_status taper_realization_step_note(const taper_realization* realization,
                                                     const char** out_text, size_t step, size_t index,
                                                     taper_error** error);
taper_status taper_realization_step_warning(const taper_realization* realization,
                                                        const char** out_text, size_t step, size_t index,
                                                        taper_error** error);

/* How to take one dose-time. Strings borrowed from the realization. */
typedef struct taper_recipe_info {
    uint32_t struct_size;       /* sizeof(taper_recipe_info) */
    int32_t within_tolerance;
    const char* drug;
    const char* time;
    const char* instruction;    /* "1 x 10 mg tablet + 1.7 mL liquid = 13.4 mg" */
    double target_mg;           /* tablet-equivalent mg */
    double realized_mg;
    size_t part_count;
    size_t warning_count;
} taper_recipe_info;

taper_status taper_realization_recipe(const taper_realization* realization,
                                                  taper_recipe_info* out_recipe, size_t step,
                                                  size_t recipe, taper_error** error);
/* Borrowed string: warning `index` of a recipe. */
taper_status taper_realization_recipe_warning(const taper_realization* realization,
                                                          const char** out_text, size_t step,
                                                          size_t recipe, size_t index,
                                                          taper_error** error);

typedef struct taper_recipe_part_info {
    uint32_t struct_size;       /* sizeof(taper_recipe_part_info) */
    int32_t kind;               /* taper_component_kind */
    const char* formulation_id;
    const char* label;          /* "10 mg tablet" */
    const char* instruction;    /* "1 x 10 mg tablet", "1.7 mL of 2 mg/mL liquid" */
    double count;               /* tablets (0.5, 0.25 ...), capsules, drops or beads */
    double volume_ml;           /* liquid / dilution volume to take; else 0 */
    double labelled_mg;         /* mg on the label this part contains */
    double equivalent_mg;       /* mg as tablets */
    double units_used;          /* tablets / capsules used up from the pack */
    double dispersed_in_ml;     /* dilution: the water dispersed in; else 0 */
} taper_recipe_part_info;

taper_status taper_realization_recipe_part(const taper_realization* realization,
                                                       taper_recipe_part_info* out_part, size_t step,
                                                       size_t recipe, size_t part, taper_error** error);

/* The best recipe for a single dose (tablet-equivalent mg) with these products.
 * *out_instruction is an allocated string (taper_string_free); any out-parameter may be
 * NULL. TAPER_ERROR_PLAN for unusable forms or tools. */
taper_status taper_realize_dose(char** out_instruction, double* out_realized_mg,
                                            int* out_within_tolerance, const taper_forms* forms,
                                            double target_mg, const taper_realization_options* options,
                                            taper_error** error);

/* Supplies to dispense, per step or per period. Immutable. */
typedef struct taper_dispensing taper_dispensing;

/* Per step of the realization. Caller owns *out_dispensing. Bottles are counted with the
 * bottle_volume_ml of the options the realization was made with. */
taper_status taper_dispense_by_step(taper_dispensing** out_dispensing,
                                                const taper_realization* realization,
                                                taper_error** error);
/* Per period of `period_days` from the plan's start (28 is usual). Caller owns it. */
taper_status taper_dispense_by_period(taper_dispensing** out_dispensing,
                                                  const taper_realization* realization, double period_days,
                                                  taper_error** error);
/* Frees it. Accepts NULL. */
void taper_dispensing_free(taper_dispensing* dispensing);

/* Number of periods; 0 for NULL. */
size_t taper_dispensing_period_count(const taper_dispensing* dispensing);

typedef struct taper_dispensing_period_info {
    uint32_t struct_size;       /* sizeof(taper_dispensing_period_info) */
    taper_date start;
    taper_date end;             /* the day after the last day */
    size_t line_count;
} taper_dispensing_period_info;

taper_status taper_dispensing_period(const taper_dispensing* dispensing,
                                                 taper_dispensing_period_info* out_period, size_t index,
                                                 taper_error** error);

typedef struct taper_dispensing_line_info {
    uint32_t struct_size;       /* sizeof(taper_dispensing_line_info) */
    int32_t bottles;            /* when a bottle volume is known; else 0 */
    const char* formulation_id; /* borrowed */
    const char* label;          /* borrowed */
    double units;               /* whole tablets / capsules / pouches to supply */
    double total_volume_ml;     /* liquids and drops */
} taper_dispensing_line_info;

taper_status taper_dispensing_line(const taper_dispensing* dispensing,
                                               taper_dispensing_line_info* out_line, size_t period,
                                               size_t line, taper_error** error);

/* ===================================================================================== */
/* Conversions                                                                            */
/* ===================================================================================== */

typedef struct taper_form_conversion {
    uint32_t struct_size;           /* sizeof(taper_form_conversion) */
    double from_labelled_mg;        /* mg on the label of the source form */
    double to_labelled_mg;          /* mg on the label of the target form, same effect */
    double bioavailability_ratio;   /* source / target bioavailability (vs tablets) */
    double to_volume_ml;            /* liquids and drops; else NaN */
    double to_drops;                /* drops with a known drop size; else NaN */
    double to_tablets;              /* tablets of one strength, where asked; else NaN */
} taper_form_conversion;

/* Converts a dose between two formulations of one drug (`from` / `to`: a formulation id, or
 * a form name when the drug has one such formulation). `to_strength_mg_per_ml` picks one
 * strength of the target (0 = none). *out_text ("10 mg as tablet = 8 mg as drops ...") and
 * *out_equivalence are allocated strings (taper_string_free); either may be NULL.
 * TAPER_ERROR_UNKNOWN_DRUG, TAPER_ERROR_PLAN / TAPER_ERROR_MISSING_DATA / TAPER_ERROR_PARSE
 * / TAPER_ERROR_INVALID_ARGUMENT for forms or doses that do not convert. */
taper_status taper_convert_form(taper_form_conversion* out_conversion, char** out_text,
                                            char** out_equivalence, const taper_database* db,
                                            const char* drug, double dose_mg, const char* from,
                                            const char* to, double to_strength_mg_per_ml,
                                            taper_error** error);

typedef struct taper_class_equivalent {
    uint32_t struct_size;            /* sizeof(taper_class_equivalent) */
    double dose_mg;                  /* of the target drug */
    double diazepam_equivalent_mg;   /* the common currency */
} taper_class_equivalent;

/* The equivalent dose of `to_drug` for `dose_mg` of `from_drug` through diazepam
 * equivalents in `table` (NULL: "ashton"); a range needs `use_high_end` (0 = low end).
 * *out_text is an allocated string (may be NULL). TAPER_ERROR_MISSING_DATA for unknown
 * equivalents, TAPER_ERROR_UNKNOWN_DRUG, TAPER_ERROR_PLAN / INVALID_ARGUMENT. */
taper_status taper_class_equivalent_dose(taper_class_equivalent* out_equivalent,
                                                     char** out_text, const taper_database* db,
                                                     const char* from_drug, double dose_mg,
                                                     const char* to_drug, const char* table,
                                                     int use_high_end, taper_error** error);

/* ===================================================================================== */
/* Outputs for people and systems: iCalendar, HL7 FHIR R4, an SVG chart, a printable page  */
/* ===================================================================================== */

/* Allocated strings, exactly as the C++ exporters (include/taper/io/ics.hpp, fhir.hpp,
 * svg.hpp, html.hpp) and `taper plan --format ics|fhir|svg|html` write them
 * (docs/output-formats.md). Free with taper_string_free. A realization's are of its realized
 * steps, each saying how to take its doses with the forms on hand.
 *
 * iCalendar (RFC 5545): one all-day event per step. `reminders` non-zero: a daily event per
 * step with an alarm at each dose-time (morning 08:00, midday 12:00, afternoon 15:00,
 * evening 18:00, night 22:00, ...). `stamp_unix_seconds`: every event's DTSTAMP, in seconds
 * since 1970-01-01 UTC; 0: now (set it to get the same file every time).
 * FHIR: a Bundle of MedicationRequests (JSON). SVG: the chart, 800 × 400. HTML: the page. */
taper_status taper_schedule_to_ics(const taper_schedule* schedule, char** out_ics, int reminders,
                                               int64_t stamp_unix_seconds, taper_error** error);
taper_status taper_schedule_to_fhir(const taper_schedule* schedule, char** out_json,
                                                taper_error** error);
taper_status taper_schedule_to_svg(const taper_schedule* schedule, char** out_svg,
                                               taper_error** error);
taper_status taper_schedule_to_html(const taper_schedule* schedule, char** out_html,
                                                taper_error** error);
taper_status taper_realization_to_ics(const taper_realization* realization, char** out_ics,
                                                  int reminders, int64_t stamp_unix_seconds,
                                                  taper_error** error);
taper_status taper_realization_to_fhir(const taper_realization* realization, char** out_json,
                                                   taper_error** error);
taper_status taper_realization_to_svg(const taper_realization* realization, char** out_svg,
                                                  taper_error** error);
taper_status taper_realization_to_html(const taper_realization* realization, char** out_html,
                                                   taper_error** error);

/* ===================================================================================== */
/* Support directory: who can help people coming off psychiatric drugs                    */
/* ===================================================================================== */

/* Allocated string: a JSON list of the organisations that help people coming off `drug`
 * (name, alias or brand; NULL: every organisation), in `country` ("uk", "us", "hk",
 * "online"; NULL or "": any). Each has id, name, kind, offers, phone (null when the source
 * gives none), country, classes, drugs, source and published (the source's date, "YYYY-MM",
 * or null); layout in docs/c-api.md. The drug's own organisations come first, then its
 * class's, then general ones. TAPER_ERROR_UNKNOWN_DRUG; TAPER_ERROR_INVALID_ARGUMENT for
 * another country. The directory is built in; reading it from many threads is safe. */
taper_status taper_support_json(const taper_database* db, char** out_json, const char* drug,
                                            const char* country, taper_error** error);
/* Realization messages as codes (helper "realize")                                       */
/* ===================================================================================== */

/* The realization's coded messages (docs/messages.md, codes 400-599), read as
 * taper_message_info (code, severity, static id, text borrowed from the realization, valid
 * until taper_realization_free): the whole realization's (equivalences used, what the forms
 * cannot do), a realized step's (rounding, inserted steps, switch points, the rules checked
 * again on the doses as taken), and a recipe's (a dose off target and what would measure it
 * more finely). Counts through the *_count functions. TAPER_ERROR_INDEX_OUT_OF_RANGE,
 * TAPER_ERROR_ABI_MISMATCH. Thread-safe for reading. */
size_t taper_realization_message_count(const taper_realization* realization);
taper_status taper_realization_message(const taper_realization* realization,
                                                   taper_message_info* out_message, size_t index,
                                                   taper_error** error);
taper_status taper_realization_step_message_count(const taper_realization* realization,
                                                              size_t* out_count, size_t step, taper_error** error);
taper_status taper_realization_step_message(const taper_realization* realization,
                                                        taper_message_info* out_message, size_t step,
                                                        size_t index, taper_error** error);
taper_status taper_realization_recipe_message_count(const taper_realization* realization,
                                                                size_t* out_count, size_t step, size_t recipe,
                                                                taper_error** error);
taper_status taper_realization_recipe_message(const taper_realization* realization,
                                                          taper_message_info* out_message, size_t step,
                                                          size_t recipe, size_t index, taper_error** error);


/* ===================================================================================== */
/* The person in the loop: journal, assessment, replanning (docs/journal.md,              */
/* docs/assessment.md)                                                                    */
/* ===================================================================================== */

/* A taper journal (the person's record: doses taken, symptom ratings, events). Immutable
 * once made: any number of threads may read it. */
typedef struct taper_journal taper_journal;

/* Reads a journal from JSON (docs/journal.schema.json) or CSV (docs/journal.md). An entry
 * with a problem is left out and reported (taper_journal_problem); *out_problem_count (may
 * be NULL) says how many. Text that is not a journal at all: TAPER_ERROR_INVALID_ARGUMENT.
 * The caller owns *out_journal (taper_journal_free). */
taper_status taper_journal_from_json(taper_journal** out_journal, size_t* out_problem_count,
                                                 const char* json, taper_error** error);
taper_status taper_journal_from_csv(taper_journal** out_journal, size_t* out_problem_count,
                                                const char* csv, taper_error** error);
/* Frees a journal. Accepts NULL. */
void taper_journal_free(taper_journal* journal);

/* One problem met while reading. Strings are borrowed from the journal. */
typedef struct taper_journal_problem_info {
    uint32_t struct_size; /* sizeof(taper_journal_problem_info) */
    int64_t entry;        /* 0-based entry (or CSV day); -1 for the journal as a whole */
    int32_t code;         /* taper_message_code, 740-749 */
    const char* field;    /* "symptoms.dizziness", "doses[0].status", "row 4 (symptom)" */
    const char* input;    /* the value as given ("" when none) */
    const char* text;     /* "entry 2, field symptoms.dizziness: '5' is not a severity (0-3)" */
} taper_journal_problem_info;
taper_status taper_journal_problem(const taper_journal* journal, taper_journal_problem_info* out_problem,
                                               size_t index, taper_error** error);
/* The number of entries kept; 0 for NULL. */
size_t taper_journal_entry_count(const taper_journal* journal);

/* Allocated strings: the journal as JSON or CSV. Free with taper_string_free. */
taper_status taper_journal_to_json(const taper_journal* journal, char** out_json, taper_error** error);
taper_status taper_journal_to_csv(const taper_journal* journal, char** out_csv, taper_error** error);

/* The verdict of an assessment (docs/assessment.md). Pinned values. */
typedef enum taper_verdict {
    TAPER_VERDICT_NO_TROUBLING_SYMPTOMS = 0,
    TAPER_VERDICT_CONSISTENT_WITH_WITHDRAWAL = 1,
    TAPER_VERDICT_CONSISTENT_WITH_RELAPSE = 2,
    TAPER_VERDICT_UNCLEAR = 3
} taper_verdict;

/* Assesses `journal` against `schedule` (decision support, never a diagnosis): the latest
 * period's verdict (taper_verdict), whether a red flag means "seek help now" (1 or 0) and the
 * whole assessment as allocated JSON (each reason with its code, parameters, text and source;
 * free with taper_string_free). Any out-parameter may be NULL. */
taper_status taper_assess(int32_t* out_latest_verdict, int32_t* out_seek_help_now, char** out_json,
                                      const taper_schedule* schedule, const taper_journal* journal,
                                      taper_error** error);

/* What a replan does. Pinned values. */
typedef enum taper_replan_action {
    TAPER_REPLAN_CONTINUE = 0,
    TAPER_REPLAN_HOLD = 1,
    TAPER_REPLAN_GO_BACK = 2,
    TAPER_REPLAN_SLOW_DOWN = 3,
    TAPER_REPLAN_RESUME = 4
} taper_replan_action;

/* A new plan from `today`, from `schedule` (the plan as it stands) and its journal, planned by
 * the strategy `strategy_name` from `registry` (NULL: the built-ins) with `options` (NULL:
 * none): the same strategy the plan was made with. It keeps every constraint of the plan's
 * request and never goes above its starting dose; `tolerable_days` is how long symptoms must
 * be tolerable in a hold (hold, go_back). The reasons are the new schedule's plan-wide
 * messages (taper_schedule_message, codes 760-768). The caller owns *out_schedule.
 * Errors: TAPER_ERROR_PLAN (e.g. a taper that has already stopped), as taper_plan. */
taper_status taper_replan(taper_schedule** out_schedule, const taper_database* db,
                                      const taper_schedule* schedule, const taper_journal* journal,
                                      const taper_registry* registry, const char* strategy_name,
                                      const taper_strategy_options* options, int32_t action, taper_date today,
                                      double tolerable_days, taper_error** error);

/* ===================================================================================== */
/* Patient pacing and several drugs (docs/journal.md, "Patient pacing", "Several drugs")  */
/* ===================================================================================== */

/* Is the next cut offered today? (patient pacing: only when the journal has been tolerable,
 * nothing rated moderate or worse and no red flag, for `tolerable_days`). */
typedef struct taper_next_cut_offer {
    uint32_t struct_size;  /* sizeof(taper_next_cut_offer) */
    int32_t ready;         /* 1: the next cut can be offered; 0: not yet */
    double tolerable_days; /* how long the journal has been tolerable, up to today */
    double current_mg;     /* the daily dose now */
    double offered_mg;     /* the next daily dose the plan gives, lowered if the person asked */
} taper_next_cut_offer;

/* The offer of the next cut of `schedule` on `today`, from its journal. `share_of_cut` (above
 * 0, at most 1) is the share of the planned cut the person chooses (1: all of it). The reasons
 * (codes 766-768, each with its source) as allocated JSON, a list of {code, id, severity,
 * params, text} (free with taper_string_free); out_reasons_json may be NULL.
 * Errors: TAPER_ERROR_PLAN for a share outside (0, 1]; TAPER_ERROR_INVALID_ARGUMENT for a
 * negative or non-finite tolerable_days. */
taper_status taper_offer_next_cut(taper_next_cut_offer* out_offer, char** out_reasons_json,
                                              const taper_schedule* schedule, const taper_journal* journal,
                                              taper_date today, double tolerable_days, double share_of_cut,
                                              taper_error** error);

/* A request for a person on several drugs: the drugs' courses in the order the person and
 * prescriber chose (the first is tapered first), one at a time, with a stabilisation gap
 * between drugs (no published figure: no default). Not thread-safe while being added to. */
typedef struct taper_several_request taper_several_request;

/* A request starting on `start` with `stabilisation_gap_days` (0 or more) between drugs. The
 * caller owns *out_request (taper_several_request_free). */
taper_status taper_several_request_create(taper_several_request** out_request, taper_date start,
                                                      double stabilisation_gap_days, taper_error** error);
/* Frees a request. Accepts NULL. */
void taper_several_request_free(taper_several_request* request);
/* Appends a drug's course: its request (copied; its start is ignored, the order sets it) and
 * the strategy `strategy_name` from `registry` (NULL: the built-ins) with `options` (NULL:
 * none). Errors: TAPER_ERROR_STRATEGY for an unknown strategy or bad options. */
taper_status taper_several_request_add(taper_several_request* request, const taper_request* course,
                                                   const taper_registry* registry, const char* strategy_name,
                                                   const taper_strategy_options* options, taper_error** error);
/* The several-drug plan as allocated JSON (docs/journal.md, "Several drugs"): "drugs",
 * "notes", "interactions" (each with its source and status), "plans" (one schedule each,
 * docs/schedule.schema.json) and the combined "calendar". *out_plan_count (may be NULL) is
 * the number of plans. Free with taper_string_free. Errors: TAPER_ERROR_PLAN (no course, a
 * plan that cannot be made), TAPER_ERROR_UNKNOWN_DRUG. */
taper_status taper_plan_several(char** out_json, size_t* out_plan_count, const taper_database* db,
                                            const taper_several_request* request, taper_error** error);

/* ===================================================================================== */
/* Simulation over time: pharmacokinetics, occupancy, adaptation, populations             */
/* (docs/simulation.md; a research and teaching model, never a prediction for one person)  */
/* ===================================================================================== */

/* What to simulate. Set struct_size; zeroed fields mean the defaults noted. */
typedef struct taper_simulation_options {
    uint32_t struct_size;                   /* sizeof(taper_simulation_options) */
    double resolution_hours;                /* time between samples; 0: 1 hour */
    double after_end_days;                  /* followed after the plan's end; NaN: 14 days */
    int32_t alternate_day;                  /* 1: two days' doses every other day */
    double adaptation_time_constant_days;   /* > 0: with the adaptation model; 0 or NaN: without */
    double adaptation_threshold_points;     /* pressure threshold (occupancy points) */
    double body_weight_kg;                  /* for a volume given per kg; 0 or NaN: none */
} taper_simulation_options;

/* A simulated course: immutable once made, safe to read from several threads. */
typedef struct taper_simulation taper_simulation;

/* Simulates `schedule` (made by taper_plan: it carries its drug) from steady state on its
 * starting dose. `options` may be NULL (the defaults). The caller owns *out_simulation
 * (taper_simulation_free). TAPER_ERROR_MISSING_DATA names the parameter the data lack (a
 * drug without pharmacokinetic data, an unsourced half-life, an active metabolite);
 * TAPER_ERROR_INVALID_ARGUMENT for options out of range. */
taper_status taper_simulate(taper_simulation** out_simulation, const taper_schedule* schedule,
                                        const taper_simulation_options* options, taper_error** error);
/* Frees a simulation. Accepts NULL. */
void taper_simulation_free(taper_simulation* simulation);

/* The series, one value per sample, as borrowed arrays (valid until taper_simulation_free):
 * *out_values points at *out_count doubles. Sample times in hours from the plan's first day
 * 00:00; the bioavailable amount in the body in mg; the plasma concentration in ng/mL (count
 * 0 unless the volume and bioavailability are known); occupancy, set point and pressure in
 * occupancy points (count 0 without an occupancy model, or, for set point and pressure,
 * without the adaptation model). */
taper_status taper_simulation_time_hours(const taper_simulation* simulation, const double** out_values,
                                                     size_t* out_count, taper_error** error);
taper_status taper_simulation_amount_mg(const taper_simulation* simulation, const double** out_values,
                                                    size_t* out_count, taper_error** error);
taper_status taper_simulation_concentration_ng_per_ml(const taper_simulation* simulation,
                                                                  const double** out_values, size_t* out_count,
                                                                  taper_error** error);
taper_status taper_simulation_occupancy_points(const taper_simulation* simulation,
                                                           const double** out_values, size_t* out_count,
                                                           taper_error** error);
taper_status taper_simulation_set_point_points(const taper_simulation* simulation,
                                                           const double** out_values, size_t* out_count,
                                                           taper_error** error);
taper_status taper_simulation_pressure_points(const taper_simulation* simulation,
                                                          const double** out_values, size_t* out_count,
                                                          taper_error** error);

/* The course's summary figures (docs/simulation.md, "Metrics"). Pressure figures are NaN
 * without the adaptation model. */
typedef struct taper_simulation_metrics {
    uint32_t struct_size;                       /* sizeof(taper_simulation_metrics) */
    double length_days;                         /* the plan's duration */
    double largest_step_change_points;
    double largest_day_to_day_change_points;
    double largest_within_day_fluctuation_points;
    double largest_two_day_swing_points;
    double peak_pressure_points;                /* NaN without adaptation */
    double time_above_threshold_hours;          /* NaN without adaptation */
    double area_above_threshold_point_hours;    /* NaN without adaptation */
    double largest_two_day_amount_ratio;        /* peak / trough of the amount over two days */
    int64_t doses_taken;
    double half_life_hours;                     /* the parameters used */
    double absorption_per_hour;
    double elimination_per_hour;
} taper_simulation_metrics;
taper_status taper_simulation_metrics_get(const taper_simulation* simulation,
                                                      taper_simulation_metrics* out_metrics, taper_error** error);

/* The chart and the printable page of the simulation's plan with its simulated occupancy
 * drawn over the plan's steady-state occupancy (the C++ to_svg / to_html of a simulation,
 * `taper simulate --format svg|html`; docs/output-formats.md). `daily` non-zero: one point a
 * day, each day's mean at its middle; zero: every sample. Allocated strings, free with
 * taper_string_free. TAPER_ERROR_MISSING_DATA when the simulation has no occupancy (a drug
 * without an occupancy model, such as mirtazapine); TAPER_ERROR_INVALID_ARGUMENT for NULL. */
taper_status taper_simulation_to_svg(const taper_simulation* simulation, int daily, char** out_svg,
                                                 taper_error** error);
taper_status taper_simulation_to_html(const taper_simulation* simulation, int daily, char** out_html,
                                                  taper_error** error);

/* Variability of a virtual population: standard deviations of the natural log of each
 * parameter (log-normal around the typical value; 0: none). No defaults: state each. */
typedef struct taper_population_options {
    uint32_t struct_size;                  /* sizeof(taper_population_options) */
    int64_t people;                        /* how many */
    int64_t first_person;                  /* simulate people [first_person, first_person + people) */
    uint64_t seed;                         /* person i's parameters depend on (seed, i) alone */
    double ed50_log_sd;
    double half_life_log_sd;
    double volume_log_sd;
    double adaptation_time_constant_log_sd;
    uint32_t threads;                      /* 0: the machine's hardware threads */
} taper_population_options;

/* A simulated population: immutable once made, safe to read from several threads. */
typedef struct taper_population taper_population;

/* Simulates `schedule` through the people of `population` (required). The same seed gives the
 * same numbers whatever the thread count, and people [a, b) of one run equal a run of those
 * people alone, so shards by person range concatenate to the whole run exactly. Errors as
 * taper_simulate, and TAPER_ERROR_INVALID_ARGUMENT for negative people or spreads. */
taper_status taper_simulate_population(taper_population** out_population,
                                                   const taper_schedule* schedule,
                                                   const taper_simulation_options* options,
                                                   const taper_population_options* population,
                                                   taper_error** error);
/* Frees a population. Accepts NULL. */
void taper_population_free(taper_population* population);

/* Summary of the population. */
typedef struct taper_population_summary {
    uint32_t struct_size;                   /* sizeof(taper_population_summary) */
    int64_t people;
    int64_t first_person;
    int64_t time_steps;                     /* per person */
    int32_t has_adaptation;                 /* 1: pressure columns are filled */
    double share_above_threshold_percent;   /* people whose pressure went above the threshold */
} taper_population_summary;
taper_status taper_population_summary_get(const taper_population* population,
                                                      taper_population_summary* out_summary, taper_error** error);

/* Per-person columns, in person order, as borrowed arrays of *out_count values (valid until
 * taper_population_free). Factors are the person's parameter over the typical one (ratios);
 * the pressure columns have count 0 without the adaptation model. */
taper_status taper_population_person(const taper_population* population, const int64_t** out_values,
                                                 size_t* out_count, taper_error** error);
taper_status taper_population_ed50_factor(const taper_population* population, const double** out_values,
                                                      size_t* out_count, taper_error** error);
taper_status taper_population_half_life_factor(const taper_population* population,
                                                           const double** out_values, size_t* out_count,
                                                           taper_error** error);
taper_status taper_population_volume_factor(const taper_population* population,
                                                        const double** out_values, size_t* out_count,
                                                        taper_error** error);
taper_status taper_population_adaptation_factor(const taper_population* population,
                                                            const double** out_values, size_t* out_count,
                                                            taper_error** error);
taper_status taper_population_largest_day_to_day_change_points(const taper_population* population,
                                                                           const double** out_values,
                                                                           size_t* out_count, taper_error** error);
taper_status taper_population_largest_within_day_fluctuation_points(
    const taper_population* population, const double** out_values, size_t* out_count, taper_error** error);
taper_status taper_population_largest_two_day_swing_points(const taper_population* population,
                                                                       const double** out_values, size_t* out_count,
                                                                       taper_error** error);
taper_status taper_population_peak_pressure_points(const taper_population* population,
                                                               const double** out_values, size_t* out_count,
                                                               taper_error** error);
taper_status taper_population_time_above_threshold_hours(const taper_population* population,
                                                                     const double** out_values, size_t* out_count,
                                                                     taper_error** error);


import CTaper

/// The code of a note or warning (docs/messages.md): the C ABI's `taper_message_code`,
/// wrapped. The constants below are the C enumerators themselves, so a code that the
/// library removes fails to compile here; a code this binding does not name yet still
/// arrives, with its number and `id`.
public struct MessageCode: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
    init(_ code: taper_message_code) { rawValue = Int32(code.rawValue) }

    /// The stable string id, e.g. "cut_limited_by_max_step" ("" for a number that is not a code).
    public var id: String {
        guard let text = taper_message_code_id(rawValue) else { return "" }
        return String(cString: text)
    }
    public var description: String { id.isEmpty ? "message code \(rawValue)" : id }

    public static let strategyText = MessageCode(TAPER_MESSAGE_STRATEGY_TEXT)
    public static let targetOccupancy = MessageCode(TAPER_MESSAGE_TARGET_OCCUPANCY)
    public static let cutShareOfRecent = MessageCode(TAPER_MESSAGE_CUT_SHARE_OF_RECENT)
    public static let cutShareWithoutD2Limit = MessageCode(TAPER_MESSAGE_CUT_SHARE_WITHOUT_D2_LIMIT)
    public static let cutShareWithinD2Limit = MessageCode(TAPER_MESSAGE_CUT_SHARE_WITHIN_D2_LIMIT)
    public static let cutLimitedByD2Points = MessageCode(TAPER_MESSAGE_CUT_LIMITED_BY_D2_POINTS)
    public static let tableRow = MessageCode(TAPER_MESSAGE_TABLE_ROW)
    public static let stripDay = MessageCode(TAPER_MESSAGE_STRIP_DAY)
    public static let crossoverSwitch = MessageCode(TAPER_MESSAGE_CROSSOVER_SWITCH)
    public static let crossoverNotNeeded = MessageCode(TAPER_MESSAGE_CROSSOVER_NOT_NEEDED)
    public static let crossoverTail = MessageCode(TAPER_MESSAGE_CROSSOVER_TAIL)
    public static let crossoverPartialSwitch = MessageCode(TAPER_MESSAGE_CROSSOVER_PARTIAL_SWITCH)
    public static let crossoverReduceRemaining = MessageCode(TAPER_MESSAGE_CROSSOVER_REDUCE_REMAINING)
    public static let stoppingFromFinalDose = MessageCode(TAPER_MESSAGE_STOPPING_FROM_FINAL_DOSE)
    public static let finalDoseBeforeStop = MessageCode(TAPER_MESSAGE_FINAL_DOSE_BEFORE_STOP)
    public static let finalDoseByMinChange = MessageCode(TAPER_MESSAGE_FINAL_DOSE_BY_MIN_CHANGE)
    public static let pacedForHalfLife = MessageCode(TAPER_MESSAGE_PACED_FOR_HALF_LIFE)
    public static let pacedForHalfLifeOwnLength = MessageCode(TAPER_MESSAGE_PACED_FOR_HALF_LIFE_OWN_LENGTH)
    public static let cutRaisedToMinChange = MessageCode(TAPER_MESSAGE_CUT_RAISED_TO_MIN_CHANGE)
    public static let cutLimitedByMaxStep = MessageCode(TAPER_MESSAGE_CUT_LIMITED_BY_MAX_STEP)
    public static let cutLimitedByMaxPoints = MessageCode(TAPER_MESSAGE_CUT_LIMITED_BY_MAX_POINTS)
    public static let cutLimitedByMaxPercent = MessageCode(TAPER_MESSAGE_CUT_LIMITED_BY_MAX_PERCENT)
    public static let targetAlreadyPassed = MessageCode(TAPER_MESSAGE_TARGET_ALREADY_PASSED)
    public static let holdStep = MessageCode(TAPER_MESSAGE_HOLD_STEP)
    public static let fasterThanGuidanceShare = MessageCode(TAPER_MESSAGE_FASTER_THAN_GUIDANCE_SHARE)
    public static let fasterThanGuidancePoints = MessageCode(TAPER_MESSAGE_FASTER_THAN_GUIDANCE_POINTS)
    public static let abruptStop = MessageCode(TAPER_MESSAGE_ABRUPT_STOP)
    public static let abruptStopSeizureRisk = MessageCode(TAPER_MESSAGE_ABRUPT_STOP_SEIZURE_RISK)
    public static let wholeUnitsCannotMake = MessageCode(TAPER_MESSAGE_WHOLE_UNITS_CANNOT_MAKE)
    public static let pacingHalfLifeUnknown = MessageCode(TAPER_MESSAGE_PACING_HALF_LIFE_UNKNOWN)
    public static let pacingHalfLifeNotShort = MessageCode(TAPER_MESSAGE_PACING_HALF_LIFE_NOT_SHORT)
    public static let pacingAfterSwitchToDiazepam = MessageCode(TAPER_MESSAGE_PACING_AFTER_SWITCH_TO_DIAZEPAM)
    public static let wholeUnitsStrengthsUnknown = MessageCode(TAPER_MESSAGE_WHOLE_UNITS_STRENGTHS_UNKNOWN)
    public static let minChangeExceedsMaxCut = MessageCode(TAPER_MESSAGE_MIN_CHANGE_EXCEEDS_MAX_CUT)
    public static let holdAfterMissingStep = MessageCode(TAPER_MESSAGE_HOLD_AFTER_MISSING_STEP)
    public static let holdAfterLastStep = MessageCode(TAPER_MESSAGE_HOLD_AFTER_LAST_STEP)
    // The person in the loop (docs/journal.md, docs/assessment.md).
    public static let onsetSoonAfterCut = MessageCode(TAPER_MESSAGE_ONSET_SOON_AFTER_CUT)
    public static let physicalWithPsychological = MessageCode(TAPER_MESSAGE_PHYSICAL_WITH_PSYCHOLOGICAL)
    public static let symptomsNotInBaseline = MessageCode(TAPER_MESSAGE_SYMPTOMS_NOT_IN_BASELINE)
    public static let wavePattern = MessageCode(TAPER_MESSAGE_WAVE_PATTERN)
    public static let easedOnReinstatement = MessageCode(TAPER_MESSAGE_EASED_ON_REINSTATEMENT)
    public static let onsetLongAfterCut = MessageCode(TAPER_MESSAGE_ONSET_LONG_AFTER_CUT)
    public static let psychologicalOnly = MessageCode(TAPER_MESSAGE_PSYCHOLOGICAL_ONLY)
    public static let likeOriginalCondition = MessageCode(TAPER_MESSAGE_LIKE_ORIGINAL_CONDITION)
    public static let gradualOnset = MessageCode(TAPER_MESSAGE_GRADUAL_ONSET)
    public static let consistentWithWithdrawal = MessageCode(TAPER_MESSAGE_CONSISTENT_WITH_WITHDRAWAL)
    public static let consistentWithRelapse = MessageCode(TAPER_MESSAGE_CONSISTENT_WITH_RELAPSE)
    public static let patternUnclear = MessageCode(TAPER_MESSAGE_PATTERN_UNCLEAR)
    public static let noTroublingSymptoms = MessageCode(TAPER_MESSAGE_NO_TROUBLING_SYMPTOMS)
    public static let redFlagSeekHelpNow = MessageCode(TAPER_MESSAGE_RED_FLAG_SEEK_HELP_NOW)
    public static let contactPrescriberOrEmergency = MessageCode(TAPER_MESSAGE_CONTACT_PRESCRIBER_OR_EMERGENCY)
    public static let adviseHold = MessageCode(TAPER_MESSAGE_ADVISE_HOLD)
    public static let adviseGoBack = MessageCode(TAPER_MESSAGE_ADVISE_GO_BACK)
    public static let adviseTalkToPrescriber = MessageCode(TAPER_MESSAGE_ADVISE_TALK_TO_PRESCRIBER)
    public static let adviseKeepRecording = MessageCode(TAPER_MESSAGE_ADVISE_KEEP_RECORDING)
    public static let adviseContinue = MessageCode(TAPER_MESSAGE_ADVISE_CONTINUE)
    public static let journalBadDate = MessageCode(TAPER_MESSAGE_JOURNAL_BAD_DATE)
    public static let journalEntriesOutOfOrder = MessageCode(TAPER_MESSAGE_JOURNAL_ENTRIES_OUT_OF_ORDER)
    public static let journalUnknownSymptom = MessageCode(TAPER_MESSAGE_JOURNAL_UNKNOWN_SYMPTOM)
    public static let journalSeverityOutOfRange = MessageCode(TAPER_MESSAGE_JOURNAL_SEVERITY_OUT_OF_RANGE)
    public static let journalDoseNegative = MessageCode(TAPER_MESSAGE_JOURNAL_DOSE_NEGATIVE)
    public static let journalUnknownDoseStatus = MessageCode(TAPER_MESSAGE_JOURNAL_UNKNOWN_DOSE_STATUS)
    public static let journalFunctioningOutOfRange = MessageCode(TAPER_MESSAGE_JOURNAL_FUNCTIONING_OUT_OF_RANGE)
    public static let journalUnknownLifeEvent = MessageCode(TAPER_MESSAGE_JOURNAL_UNKNOWN_LIFE_EVENT)
    public static let journalWrongType = MessageCode(TAPER_MESSAGE_JOURNAL_WRONG_TYPE)
    public static let journalDuplicateDate = MessageCode(TAPER_MESSAGE_JOURNAL_DUPLICATE_DATE)
    public static let replanContinue = MessageCode(TAPER_MESSAGE_REPLAN_CONTINUE)
    public static let replanHold = MessageCode(TAPER_MESSAGE_REPLAN_HOLD)
    public static let replanGoBack = MessageCode(TAPER_MESSAGE_REPLAN_GO_BACK)
    public static let replanSlowDown = MessageCode(TAPER_MESSAGE_REPLAN_SLOW_DOWN)
    public static let replanResume = MessageCode(TAPER_MESSAGE_REPLAN_RESUME)
    public static let replanDeadlineReleased = MessageCode(TAPER_MESSAGE_REPLAN_DEADLINE_RELEASED)
    public static let readyForNextCut = MessageCode(TAPER_MESSAGE_READY_FOR_NEXT_CUT)
    public static let notReadyForNextCut = MessageCode(TAPER_MESSAGE_NOT_READY_FOR_NEXT_CUT)
    public static let cutLoweredByPerson = MessageCode(TAPER_MESSAGE_CUT_LOWERED_BY_PERSON)
    public static let oneDrugAtATime = MessageCode(TAPER_MESSAGE_ONE_DRUG_AT_A_TIME)
    public static let stabilisationGap = MessageCode(TAPER_MESSAGE_STABILISATION_GAP)
    public static let orderIsASharedChoice = MessageCode(TAPER_MESSAGE_ORDER_IS_A_SHARED_CHOICE)
    public static let interactionLevelMayFall = MessageCode(TAPER_MESSAGE_INTERACTION_LEVEL_MAY_FALL)
    public static let interactionLevelMayRise = MessageCode(TAPER_MESSAGE_INTERACTION_LEVEL_MAY_RISE)
    public static let whoCanHelp = MessageCode(TAPER_MESSAGE_WHO_CAN_HELP)
    public static let remnantMergedIntoStop = MessageCode(TAPER_MESSAGE_REMNANT_MERGED_INTO_STOP)
    public static let remainderCutInHalves = MessageCode(TAPER_MESSAGE_REMAINDER_CUT_IN_HALVES)
    public static let remnantStep = MessageCode(TAPER_MESSAGE_REMNANT_STEP)
    public static let stopFromFinalDoseOverLimit = MessageCode(TAPER_MESSAGE_STOP_FROM_FINAL_DOSE_OVER_LIMIT)
    public static let limitsConvertedToDiazepam = MessageCode(TAPER_MESSAGE_LIMITS_CONVERTED_TO_DIAZEPAM)
    public static let diazepamEquivalentAboveCeiling = MessageCode(TAPER_MESSAGE_DIAZEPAM_EQUIVALENT_ABOVE_CEILING)
    public static let equivalenceTablesDiffer = MessageCode(TAPER_MESSAGE_EQUIVALENCE_TABLES_DIFFER)
    public static let longHalfLife = MessageCode(TAPER_MESSAGE_LONG_HALF_LIFE)
    public static let shortHalfLifeUnpaced = MessageCode(TAPER_MESSAGE_SHORT_HALF_LIFE_UNPACED)
    public static let aboveLicensedMaximum = MessageCode(TAPER_MESSAGE_ABOVE_LICENSED_MAXIMUM)
    public static let occupancyModelEvidence = MessageCode(TAPER_MESSAGE_OCCUPANCY_MODEL_EVIDENCE)
    public static let drugCaution = MessageCode(TAPER_MESSAGE_DRUG_CAUTION)
    // Realization (400-599).
    public static let doseRoundsToZero = MessageCode(TAPER_MESSAGE_DOSE_ROUNDS_TO_ZERO)
    public static let doseOffTarget = MessageCode(TAPER_MESSAGE_DOSE_OFF_TARGET)
    public static let belowSyringeMinimum = MessageCode(TAPER_MESSAGE_BELOW_SYRINGE_MINIMUM)
    public static let dilutionSwitchedOff = MessageCode(TAPER_MESSAGE_DILUTION_SWITCHED_OFF)
    public static let liquidWouldMeasureFiner = MessageCode(TAPER_MESSAGE_LIQUID_WOULD_MEASURE_FINER)
    public static let moreDiluteWouldMeasureFiner = MessageCode(TAPER_MESSAGE_MORE_DILUTE_WOULD_MEASURE_FINER)
    public static let drugAlsoComesAs = MessageCode(TAPER_MESSAGE_DRUG_ALSO_COMES_AS)
    public static let adjustedAfterRounding = MessageCode(TAPER_MESSAGE_ADJUSTED_AFTER_ROUNDING)
    public static let roundingAbovePrevious = MessageCode(TAPER_MESSAGE_ROUNDING_ABOVE_PREVIOUS)
    public static let roundingOverMaxStep = MessageCode(TAPER_MESSAGE_ROUNDING_OVER_MAX_STEP)
    public static let roundingOverMaxPercent = MessageCode(TAPER_MESSAGE_ROUNDING_OVER_MAX_PERCENT)
    public static let roundingOverMaxPoints = MessageCode(TAPER_MESSAGE_ROUNDING_OVER_MAX_POINTS)
    public static let limitsBrokenNothingWithin = MessageCode(TAPER_MESSAGE_LIMITS_BROKEN_NOTHING_WITHIN)
    public static let limitsBrokenSmallestCut = MessageCode(TAPER_MESSAGE_LIMITS_BROKEN_SMALLEST_CUT)
    public static let insertedStep = MessageCode(TAPER_MESSAGE_INSERTED_STEP)
    public static let insertedStepBeforeStop = MessageCode(TAPER_MESSAGE_INSERTED_STEP_BEFORE_STOP)
    public static let insertedSmallestCutBeforeStop = MessageCode(TAPER_MESSAGE_INSERTED_SMALLEST_CUT_BEFORE_STOP)
    public static let switchPoint = MessageCode(TAPER_MESSAGE_SWITCH_POINT)
    public static let formEquivalence = MessageCode(TAPER_MESSAGE_FORM_EQUIVALENCE)
    public static let formEquivalenceAssumed = MessageCode(TAPER_MESSAGE_FORM_EQUIVALENCE_ASSUMED)
    public static let realizedAbruptStop = MessageCode(TAPER_MESSAGE_REALIZED_ABRUPT_STOP)
    public static let realizedAbruptStopSeizureRisk = MessageCode(TAPER_MESSAGE_REALIZED_ABRUPT_STOP_SEIZURE_RISK)
    public static let formWouldAvoidAbruptStop = MessageCode(TAPER_MESSAGE_FORM_WOULD_AVOID_ABRUPT_STOP)
    public static let realizedFasterThanGuidanceShare = MessageCode(TAPER_MESSAGE_REALIZED_FASTER_THAN_GUIDANCE_SHARE)
    public static let realizedFasterThanGuidancePoints = MessageCode(TAPER_MESSAGE_REALIZED_FASTER_THAN_GUIDANCE_POINTS)
    public static let releaseChangeStep = MessageCode(TAPER_MESSAGE_RELEASE_CHANGE_STEP)
    public static let dosingFrequencyChange = MessageCode(TAPER_MESSAGE_DOSING_FREQUENCY_CHANGE)
    public static let impracticalRecipe = MessageCode(TAPER_MESSAGE_IMPRACTICAL_RECIPE)
    public static let releaseChangeWithCut = MessageCode(TAPER_MESSAGE_RELEASE_CHANGE_WITH_CUT)
    public static let beadsPerCapsuleUnknown = MessageCode(TAPER_MESSAGE_BEADS_PER_CAPSULE_UNKNOWN)
    public static let dropSizeUnknown = MessageCode(TAPER_MESSAGE_DROP_SIZE_UNKNOWN)
    public static let drugNotRealized = MessageCode(TAPER_MESSAGE_DRUG_NOT_REALIZED)
    public static let stepsOffTolerance = MessageCode(TAPER_MESSAGE_STEPS_OFF_TOLERANCE)
    public static let formAssumedAmong = MessageCode(TAPER_MESSAGE_FORM_ASSUMED_AMONG)
    public static let simulationNoPharmacokinetics = MessageCode(TAPER_MESSAGE_SIMULATION_NO_PHARMACOKINETICS)
    public static let simulationParameterUnknown = MessageCode(TAPER_MESSAGE_SIMULATION_PARAMETER_UNKNOWN)
    public static let simulationActiveMetabolite = MessageCode(TAPER_MESSAGE_SIMULATION_ACTIVE_METABOLITE)
    public static let simulationNoOccupancyModel = MessageCode(TAPER_MESSAGE_SIMULATION_NO_OCCUPANCY_MODEL)
    public static let simulationMetaboliteNotModelled = MessageCode(TAPER_MESSAGE_SIMULATION_METABOLITE_NOT_MODELLED)
    public static let simulationNoConcentration = MessageCode(TAPER_MESSAGE_SIMULATION_NO_CONCENTRATION)
}

/// How much a message matters.
public enum Severity: Int32, Sendable, Codable {
    case note = 0
    case warning = 1
}

/// A note or warning as a value: check `code`, never `text`.
public struct Message: Sendable, Hashable, Codable, CustomStringConvertible {
    public var code: MessageCode
    public var severity: Severity
    /// As people read it.
    public var text: String
    public var description: String { text }

    init(info: taper_message_info) throws(TaperError) {
        guard let severity = Severity(rawValue: info.severity) else {
            throw .abiMismatch("the library returned message severity \(info.severity), which this binding does not know")
        }
        code = MessageCode(rawValue: info.code)
        self.severity = severity
        text = string(info.text)
    }
}

func blankMessageInfo() -> taper_message_info {
    var info = taper_message_info()
    info.struct_size = UInt32(MemoryLayout<taper_message_info>.size)
    return info
}

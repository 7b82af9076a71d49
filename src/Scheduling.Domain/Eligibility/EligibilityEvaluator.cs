using System.Globalization;

namespace Scheduling.Domain.Eligibility;

/// <summary>
/// Applies a version of <see cref="EligibilityCriteria"/> to a questionnaire and proposes an outcome
/// with reasons. Decision support only: the radiologist decides and may override.
/// Every number used for a decision comes from the criteria object.
/// </summary>
public static class EligibilityEvaluator
{
    public const int OvernightBedCriterion = 20;

    public static EligibilityAssessment Evaluate(QuestionnaireAnswers answers, EligibilityCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(criteria);
        EnsurePlausible(answers);

        ChildPugh childPugh = ChildPugh.Calculate(answers, criteria);
        List<EligibilityFinding> findings = [];

        void Add(int criterion, FindingLevel level, string reason) => findings.Add(new EligibilityFinding(criterion, level, reason));

        // 1. Primary diagnosis.
        if (answers.Diagnosis != PrimaryDiagnosis.Hcc)
        {
            Add(1, FindingLevel.Review,
                $"Primary diagnosis {Describe(answers.Diagnosis)} is not hepatocellular carcinoma: needs review");
        }

        // 2. BCLC stage. Staging is defined for HCC only, so for any other diagnosis it is not
        // applicable and any stage entered by mistake is ignored (case 6 of the worked cases).
        if (answers.Diagnosis == PrimaryDiagnosis.Hcc)
        {
            EvaluateBclc(answers, Add);
        }

        // 3. Child-Pugh.
        if (childPugh.Score > criteria.ChildPughMaxReviewScore)
        {
            Add(3, FindingLevel.Ineligible,
                $"Child-Pugh {childPugh.Display} is worse than {MaxReviewDisplay(criteria)}: contraindication");
        }
        else if (childPugh.Score > criteria.ChildPughMaxEligibleScore)
        {
            Add(3, FindingLevel.Review, $"Child-Pugh {childPugh.Display}: relative contraindication");
        }

        // 4. ECOG performance status.
        if (answers.Ecog > criteria.EcogMaxReview)
        {
            Add(4, FindingLevel.Ineligible,
                $"ECOG performance status {N(answers.Ecog)} is above {N(criteria.EcogMaxReview)}: contraindication");
        }
        else if (answers.Ecog > criteria.EcogMaxEligible)
        {
            Add(4, FindingLevel.Review,
                $"ECOG performance status {N(answers.Ecog)} is between {N(criteria.EcogMaxEligible + 1)} and {N(criteria.EcogMaxReview)}: relative contraindication");
        }

        // 5. Total bilirubin.
        if (answers.BilirubinMgDl > criteria.BilirubinIneligibleAboveMgDl)
        {
            Add(5, FindingLevel.Ineligible,
                $"Total bilirubin {N(answers.BilirubinMgDl)} mg/dL is above {N(criteria.BilirubinIneligibleAboveMgDl)}: contraindication");
        }
        else if (answers.BilirubinMgDl >= criteria.BilirubinReviewFromMgDl)
        {
            Add(5, FindingLevel.Review,
                $"Total bilirubin {N(answers.BilirubinMgDl)} mg/dL is between {N(criteria.BilirubinReviewFromMgDl)} and {N(criteria.BilirubinIneligibleAboveMgDl)}: relative contraindication");
        }

        // 6. Albumin never triggers on its own: it only feeds the Child-Pugh score (criterion 3).

        // 7. INR.
        if (answers.Inr >= criteria.InrIneligibleFrom)
        {
            Add(7, FindingLevel.Ineligible,
                $"INR {N(answers.Inr)} is at or above {N(criteria.InrIneligibleFrom)}: contraindication (correct first)");
        }
        else if (answers.Inr > criteria.InrReviewAbove)
        {
            Add(7, FindingLevel.Review,
                $"INR {N(answers.Inr)} is above {N(criteria.InrReviewAbove)} and below {N(criteria.InrIneligibleFrom)}: relative contraindication");
        }

        // 8. Platelets.
        if (answers.Platelets < criteria.PlateletsIneligibleBelow)
        {
            Add(8, FindingLevel.Ineligible,
                $"Platelets {N(answers.Platelets)} ×10⁹/L is below {N(criteria.PlateletsIneligibleBelow)}: contraindication");
        }
        else if (answers.Platelets < criteria.PlateletsEligibleFrom)
        {
            Add(8, FindingLevel.Review,
                $"Platelets {N(answers.Platelets)} ×10⁹/L is below {N(criteria.PlateletsEligibleFrom)} (at least {N(criteria.PlateletsIneligibleBelow)}): relative contraindication");
        }

        // 9. Renal function.
        EvaluateRenalFunction(answers, criteria, Add);

        // 10. Portal vein.
        switch (answers.PortalVein)
        {
            case PortalVeinStatus.MainThrombusOrHepatofugal:
                Add(10, FindingLevel.Ineligible, "Main portal vein thrombosis or hepatofugal flow: contraindication");
                break;
            case PortalVeinStatus.BranchThrombus:
                Add(10, FindingLevel.Review, "Branch or segmental portal vein thrombus: relative contraindication");
                break;
        }

        // 11. Extrahepatic disease.
        if (answers.ExtrahepaticDisease)
        {
            Add(11, FindingLevel.Review, "Extrahepatic disease present: needs review");
        }

        // 12. Tumour burden.
        EvaluateTumourBurden(answers, criteria, Add);

        // 13. Biliary risk factors.
        if (answers.HasBiliaryRisk)
        {
            Add(13, FindingLevel.Review,
                $"Biliary risk factor ({string.Join(", ", BiliaryRiskFactors(answers))}): needs review (abscess risk, antibiotic plan)");
        }

        // 14. Varices or cardiopulmonary disease.
        if (answers.HighRiskVaricesOrSevereCardiopulmonaryDisease)
        {
            Add(14, FindingLevel.Review,
                "Untreated high-risk varices or severe cardiac/pulmonary disease: needs review");
        }

        // 15. Prior contrast reaction. A mild reaction needs no premedication and stays eligible.
        switch (answers.ContrastReaction)
        {
            case ContrastReaction.Severe:
                Add(15, FindingLevel.Ineligible, "Prior severe reaction to iodinated contrast: contraindication");
                break;
            case ContrastReaction.Moderate:
                Add(15, FindingLevel.Review,
                    "Prior moderate reaction to iodinated contrast: needs review (premedication protocol)");
                break;
        }

        // 16. Pregnancy.
        switch (answers.Pregnancy)
        {
            case Pregnancy.Yes:
                Add(16, FindingLevel.Ineligible, "Patient is pregnant: contraindication");
                break;
            case Pregnancy.Possible:
                Add(16, FindingLevel.Review, "Pregnancy possible: needs review (pregnancy test on the day)");
                break;
        }

        // 17. Active infection.
        if (answers.ActiveInfection)
        {
            Add(17, FindingLevel.Review, "Active infection or fever: needs review (postpone)");
        }

        // 18. Anticoagulant or antiplatelet medication.
        if (answers.HasAnticoagulant)
        {
            Add(18, FindingLevel.Review,
                $"Anticoagulant or antiplatelet medication ({answers.Anticoagulant!.Trim()}): needs review (hold plan needed)");
        }

        // 19. Liver transplant.
        if (answers.LiverTransplant)
        {
            Add(19, FindingLevel.Review,
                "Liver transplant listed, candidate or prior transplant: needs review (coordinate with transplant centre; TACE as bridge)");
        }

        // 20. Same-day discharge screen: a planning flag, not a contraindication.
        IReadOnlyList<string> overnightReasons = OvernightBedReasons(answers, childPugh);
        if (overnightReasons.Count > 0)
        {
            Add(OvernightBedCriterion, FindingLevel.Flag,
                $"Overnight bed likely ({string.Join(", ", overnightReasons)}): same-day discharge unlikely");
        }

        return new EligibilityAssessment(DecideOutcome(findings), childPugh, criteria.Version, findings.AsReadOnly())
        {
            // The patient template for premedication is written for the moderate case; a severe
            // reaction is a contraindication and, if overridden, needs a physician-specific plan.
            PremedicationNeeded = answers.ContrastReaction == ContrastReaction.Moderate,
        };
    }

    /// <summary>
    /// Labs drawn more than <see cref="EligibilityCriteria.LabValidityDays"/> days, or imaging done more than
    /// <see cref="EligibilityCriteria.ImagingValidityDays"/> days, before the planned procedure date must be
    /// repeated. A result exactly at the window's edge is still valid.
    /// </summary>
    public static Staleness CheckStaleness(QuestionnaireAnswers answers, DateOnly plannedProcedureDate, EligibilityCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return CheckStaleness(answers.LabsDrawnOn, answers.ImagingDoneOn, plannedProcedureDate, criteria);
    }

    /// <summary>
    /// The same check from the two dates alone (lists and pages read them from the referral's columns,
    /// not the questionnaire). A date not recorded yet is not stale: there is nothing to repeat.
    /// </summary>
    public static Staleness CheckStaleness(DateOnly? labsDrawnOn, DateOnly? imagingDoneOn, DateOnly plannedProcedureDate, EligibilityCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);

        return new Staleness(
            LabsMustBeRepeated: labsDrawnOn is { } labs && plannedProcedureDate.DayNumber - labs.DayNumber > criteria.LabValidityDays,
            ImagingMustBeRepeated: imagingDoneOn is { } imaging && plannedProcedureDate.DayNumber - imaging.DayNumber > criteria.ImagingValidityDays);
    }

    private static EligibilityOutcome DecideOutcome(IEnumerable<EligibilityFinding> findings)
    {
        // Flags (criterion 20) are deliberately not considered here.
        List<FindingLevel> levels = findings.Select(f => f.Level).ToList();
        return levels.Contains(FindingLevel.Ineligible) ? EligibilityOutcome.Ineligible
            : levels.Contains(FindingLevel.Review) ? EligibilityOutcome.NeedsReview
            : EligibilityOutcome.Eligible;
    }

    private static void EvaluateBclc(QuestionnaireAnswers answers, Action<int, FindingLevel, string> add)
    {
        switch (answers.BclcStage)
        {
            case null:
                // A missing stage must not pass silently as if it were the favourable stage B.
                add(2, FindingLevel.Review, "BCLC stage not recorded for hepatocellular carcinoma: needs review");
                break;
            case BclcStage.D:
                add(2, FindingLevel.Ineligible, "BCLC stage D (terminal): contraindication");
                break;
            case BclcStage.C:
                add(2, FindingLevel.Review, "BCLC stage C (advanced): needs review");
                break;
            case BclcStage.Stage0 or BclcStage.A:
                // See QuestionnaireAnswers.CurativeTreatmentNotPossible: needs review either way.
                string stage = Describe(answers.BclcStage.Value);
                add(2, FindingLevel.Review, answers.CurativeTreatmentNotPossible
                    ? $"BCLC stage {stage} with resection, ablation and transplant not possible: needs review (TACE as alternative)"
                    : $"BCLC stage {stage} with resection, ablation or transplant still possible: needs review (curative treatment preferred)");
                break;
            case BclcStage.B:
                break;
        }
    }

    private static void EvaluateRenalFunction(QuestionnaireAnswers answers, EligibilityCriteria criteria, Action<int, FindingLevel, string> add)
    {
        string values = $"creatinine {N(answers.CreatinineMgDl)} mg/dL, eGFR {N(answers.Egfr)} mL/min/1.73m²";

        // On dialysis the kidneys cannot be harmed further by contrast, so the creatinine and eGFR
        // limits that protect native renal function do not apply (worked case 13).
        if (answers.OnDialysis)
        {
            add(9, FindingLevel.Review, $"On dialysis ({values}): needs review");
            return;
        }

        List<string> failures = [];
        if (answers.CreatinineMgDl >= criteria.CreatinineIneligibleFromMgDl)
        {
            failures.Add($"creatinine {N(answers.CreatinineMgDl)} mg/dL is at or above {N(criteria.CreatinineIneligibleFromMgDl)}");
        }

        if (answers.Egfr < criteria.EgfrIneligibleBelow)
        {
            failures.Add($"eGFR {N(answers.Egfr)} mL/min/1.73m² is below {N(criteria.EgfrIneligibleBelow)}");
        }

        if (failures.Count > 0)
        {
            add(9, FindingLevel.Ineligible,
                $"Renal function: {string.Join(" and ", failures)} (not on dialysis): contraindication");
        }
    }

    private static void EvaluateTumourBurden(QuestionnaireAnswers answers, EligibilityCriteria criteria, Action<int, FindingLevel, string> add)
    {
        string burden = $"Tumour burden {N(answers.TumourBurdenPercent)} % of liver";
        string largest = $"largest lesion {N(answers.LargestLesionCm)} cm";
        bool burdenTooHigh = answers.TumourBurdenPercent >= criteria.TumourBurdenIneligibleFromPercent;
        bool lesionLarge = answers.LargestLesionCm >= criteria.LargestLesionReviewFromCm;

        // One finding per criterion, at its worst level; the reason still mentions a large lesion
        // so the reviewer sees everything that criterion 12 found.
        if (burdenTooHigh)
        {
            string alsoLarge = lesionLarge
                ? $"; {largest} is at or above {N(criteria.LargestLesionReviewFromCm)} cm"
                : string.Empty;
            add(12, FindingLevel.Ineligible,
                $"{burden} is at or above {N(criteria.TumourBurdenIneligibleFromPercent)} %{alsoLarge}: contraindication");
        }
        else if (lesionLarge)
        {
            add(12, FindingLevel.Review,
                $"{burden}, {largest} is at or above {N(criteria.LargestLesionReviewFromCm)} cm: relative contraindication");
        }
    }

    private static IEnumerable<string> BiliaryRiskFactors(QuestionnaireAnswers answers)
    {
        if (answers.BiliaryObstruction)
        {
            yield return "biliary obstruction";
        }

        if (answers.BilioEntericAnastomosis)
        {
            yield return "bilio-enteric anastomosis";
        }

        if (answers.BiliaryStent)
        {
            yield return "biliary stent";
        }

        if (answers.Sphincterotomy)
        {
            yield return "sphincterotomy";
        }
    }

    private static List<string> OvernightBedReasons(QuestionnaireAnswers answers, ChildPugh childPugh)
    {
        List<string> reasons = [];
        if (childPugh.Class != ChildPughClass.A)
        {
            reasons.Add($"Child-Pugh {childPugh.Display}");
        }

        // Current encephalopathy of any grade is itself a history of encephalopathy; worked case 28
        // ("prior encephalopathy grade 1-2") expects the flag from the encephalopathy answer alone.
        if (answers.PriorEncephalopathy || answers.Encephalopathy != Encephalopathy.None)
        {
            reasons.Add(answers.Encephalopathy == Encephalopathy.None
                ? "prior encephalopathy"
                : $"encephalopathy {Describe(answers.Encephalopathy)}");
        }

        if (answers.Ascites != Ascites.None)
        {
            reasons.Add($"ascites {Describe(answers.Ascites)}");
        }

        return reasons;
    }

    private static void EnsurePlausible(QuestionnaireAnswers answers)
    {
        // The intake form validates these; reaching here with such values is a programming error,
        // and a silent "eligible" on nonsense input would be worse than an exception.
        if (answers.Ecog is < EligibilityCriteria.EcogMinimum or > EligibilityCriteria.EcogMaximum)
        {
            throw new ArgumentOutOfRangeException(nameof(answers), answers.Ecog,
                $"ECOG must be between {EligibilityCriteria.EcogMinimum} and {EligibilityCriteria.EcogMaximum}.");
        }

        (string Name, decimal Value)[] quantities =
        [
            (nameof(answers.BilirubinMgDl), answers.BilirubinMgDl),
            (nameof(answers.AlbuminGdL), answers.AlbuminGdL),
            (nameof(answers.Inr), answers.Inr),
            (nameof(answers.Platelets), answers.Platelets),
            (nameof(answers.CreatinineMgDl), answers.CreatinineMgDl),
            (nameof(answers.Egfr), answers.Egfr),
            (nameof(answers.TumourBurdenPercent), answers.TumourBurdenPercent),
            (nameof(answers.LargestLesionCm), answers.LargestLesionCm),
        ];
        foreach ((string name, decimal value) in quantities)
        {
            if (value < 0m)
            {
                throw new ArgumentOutOfRangeException(nameof(answers), value, $"{name} must not be negative.");
            }
        }
    }

    private static string MaxReviewDisplay(EligibilityCriteria criteria)
    {
        ChildPughClass reviewClass = criteria.ChildPughMaxReviewScore <= criteria.ChildPughClassAMaxScore ? ChildPughClass.A
            : criteria.ChildPughMaxReviewScore <= criteria.ChildPughClassBMaxScore ? ChildPughClass.B
            : ChildPughClass.C;
        return $"{reviewClass}{N(criteria.ChildPughMaxReviewScore)}";
    }

    private static string N(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Describe(PrimaryDiagnosis diagnosis) => diagnosis switch
    {
        PrimaryDiagnosis.Hcc => "hepatocellular carcinoma",
        PrimaryDiagnosis.ColorectalMetastases => "colorectal liver metastases",
        PrimaryDiagnosis.NeuroendocrineMetastases => "neuroendocrine liver metastases",
        PrimaryDiagnosis.OtherMetastases => "other liver metastases",
        PrimaryDiagnosis.IntrahepaticCholangiocarcinoma => "intrahepatic cholangiocarcinoma",
        PrimaryDiagnosis.Other => "other",
        _ => diagnosis.ToString(),
    };

    private static string Describe(BclcStage stage) => stage == BclcStage.Stage0 ? "0" : stage.ToString();

    private static string Describe(Encephalopathy encephalopathy) => encephalopathy switch
    {
        Encephalopathy.Grade1To2 => "grade 1-2",
        Encephalopathy.Grade3To4 => "grade 3-4",
        _ => "none",
    };

    private static string Describe(Ascites ascites) => ascites switch
    {
        Ascites.Mild => "mild",
        Ascites.ModerateSevere => "moderate-severe",
        _ => "none",
    };
}

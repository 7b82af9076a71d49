using System.Globalization;

using Scheduling.Domain.Eligibility;
using Scheduling.TestSupport;

namespace Scheduling.UnitTests.Eligibility;

public sealed record WorkedCase(
    int Number,
    string Note,
    QuestionnaireAnswers Answers,
    EligibilityOutcome ExpectedOutcome,
    string ExpectedChildPugh,
    IReadOnlyList<string> ExpectedTriggers);

/// <summary>
/// Reads the worked cases of the eligibility document. The shared domain folder beside the
/// repository is the source of truth; the vendored copy next to this file is used only where
/// that folder is absent (e.g. a CI checkout of this repository alone).
/// </summary>
internal static class WorkedCases
{
    private const string FileName = "eligibility-cases.csv";

    private static readonly Lazy<IReadOnlyList<WorkedCase>> All = new(() => Parse(File.ReadAllLines(PathToUse)));

    public static IReadOnlyList<WorkedCase> Cases => All.Value;

    public static string SharedPath => Path.GetFullPath(Path.Combine(RepositoryRoot.Path, "..", "shared", "domain", FileName));

    public static string VendoredPath => Path.Combine(RepositoryRoot.Path, "tests", "Scheduling.UnitTests", "Eligibility", FileName);

    public static string PathToUse => File.Exists(SharedPath) ? SharedPath : VendoredPath;

    public static WorkedCase Get(int number) => Cases.Single(c => c.Number == number);

    private static List<WorkedCase> Parse(string[] lines)
    {
        string[] header = lines[0].Split(',');
        Dictionary<string, int> column = header.Select((name, index) => (name, index)).ToDictionary(x => x.name, x => x.index);

        List<WorkedCase> cases = [];
        foreach (string line in lines.Skip(1).Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            // The file has no quoted fields; a comma inside a note would shift every column, so fail loudly.
            string[] fields = line.Split(',');
            if (fields.Length != header.Length)
            {
                throw new FormatException($"Expected {header.Length} fields but found {fields.Length}: {line}");
            }

            string Field(string name) => fields[column[name]].Trim();
            decimal Number(string name) => decimal.Parse(Field(name), NumberStyles.Number, CultureInfo.InvariantCulture);
            bool YesNo(string name) => Field(name) switch
            {
                "yes" => true,
                "no" => false,
                string other => throw new FormatException($"{name}: expected yes/no, found '{other}'."),
            };

            string anticoagulant = Field("anticoagulant");
            bool biliary = YesNo("biliary");
            QuestionnaireAnswers answers = new()
            {
                Diagnosis = ParseDiagnosis(Field("diagnosis")),
                BclcStage = ParseBclc(Field("bclc")),
                // The only BCLC 0/A case (21) is "not resectable"; the file has no column for it.
                CurativeTreatmentNotPossible = true,
                Ecog = int.Parse(Field("ecog"), CultureInfo.InvariantCulture),
                BilirubinMgDl = Number("bilirubin"),
                AlbuminGdL = Number("albumin"),
                Inr = Number("inr"),
                Ascites = Field("ascites") switch
                {
                    "none" => Ascites.None,
                    "mild" => Ascites.Mild,
                    "moderate-severe" or "moderate" or "severe" => Ascites.ModerateSevere,
                    string other => throw new FormatException($"ascites: '{other}'."),
                },
                Encephalopathy = Field("encephalopathy") switch
                {
                    "none" => Encephalopathy.None,
                    "grade1-2" => Encephalopathy.Grade1To2,
                    "grade3-4" => Encephalopathy.Grade3To4,
                    string other => throw new FormatException($"encephalopathy: '{other}'."),
                },
                Platelets = Number("platelets"),
                CreatinineMgDl = Number("creatinine"),
                Egfr = Number("egfr"),
                OnDialysis = YesNo("dialysis"),
                PortalVein = Field("portal_vein") switch
                {
                    "patent" => PortalVeinStatus.Patent,
                    "branch" => PortalVeinStatus.BranchThrombus,
                    "main" or "hepatofugal" => PortalVeinStatus.MainThrombusOrHepatofugal,
                    string other => throw new FormatException($"portal_vein: '{other}'."),
                },
                ExtrahepaticDisease = YesNo("extrahepatic"),
                TumourBurdenPercent = Number("burden_pct"),
                LargestLesionCm = Number("largest_cm"),
                // The file has one biliary column; case 22 names a biliary stent.
                BiliaryObstruction = false,
                BilioEntericAnastomosis = false,
                BiliaryStent = biliary,
                Sphincterotomy = false,
                HighRiskVaricesOrSevereCardiopulmonaryDisease = YesNo("varices_cardiopulmonary"),
                ContrastReaction = Field("contrast") switch
                {
                    "none" => ContrastReaction.None,
                    "mild" => ContrastReaction.Mild,
                    "moderate" => ContrastReaction.Moderate,
                    "severe" => ContrastReaction.Severe,
                    string other => throw new FormatException($"contrast: '{other}'."),
                },
                Pregnancy = Field("pregnancy") switch
                {
                    "no" => Pregnancy.No,
                    "possible" => Pregnancy.Possible,
                    "yes" => Pregnancy.Yes,
                    string other => throw new FormatException($"pregnancy: '{other}'."),
                },
                ActiveInfection = YesNo("infection"),
                Anticoagulant = anticoagulant == "none" ? null : anticoagulant,
                LiverTransplant = YesNo("transplant"),
                // No column: case 28 expects the flag from its current encephalopathy answer.
                PriorEncephalopathy = false,
                LabsDrawnOn = TestAnswers.LabsDate,
                ImagingDoneOn = TestAnswers.ImagingDate,
            };

            cases.Add(new WorkedCase(
                int.Parse(Field("case"), CultureInfo.InvariantCulture),
                Field("note"),
                answers,
                Enum.Parse<EligibilityOutcome>(Field("expected_outcome")),
                Field("expected_child_pugh"),
                Field("expected_triggers").Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        }

        return cases;
    }

    private static PrimaryDiagnosis ParseDiagnosis(string value) => value switch
    {
        "HCC" => PrimaryDiagnosis.Hcc,
        "CRLM" => PrimaryDiagnosis.ColorectalMetastases,
        "NET" => PrimaryDiagnosis.NeuroendocrineMetastases,
        "METS" => PrimaryDiagnosis.OtherMetastases,
        "ICC" => PrimaryDiagnosis.IntrahepaticCholangiocarcinoma,
        "OTHER" => PrimaryDiagnosis.Other,
        _ => throw new FormatException($"diagnosis: '{value}'."),
    };

    private static BclcStage? ParseBclc(string value) => value switch
    {
        "" => null,
        "0" => BclcStage.Stage0,
        "A" => BclcStage.A,
        "B" => BclcStage.B,
        "C" => BclcStage.C,
        "D" => BclcStage.D,
        _ => throw new FormatException($"bclc: '{value}'."),
    };
}

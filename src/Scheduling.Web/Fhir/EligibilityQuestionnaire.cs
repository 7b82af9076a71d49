using System.Globalization;

using Hl7.Fhir.Model;

using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Common.Display;
using Scheduling.Application.Features.Referrals;
using Scheduling.Domain.Eligibility;

namespace Scheduling.Web.Fhir;

/// <summary>
/// The eligibility questionnaire of the referral form as a FHIR Questionnaire: one item per criterion
/// in the form's order, numbered and worded as on the form (a web test compares them), parts of a
/// criterion as its children, choices with the form's wording, LOINC codes on the labs and ECOG, and the
/// criteria version as its version. The same items read a QuestionnaireResponse back into the form's
/// answers (<see cref="QuestionnaireInput"/>), so FHIR and the form feed one validator and one engine.
/// </summary>
public sealed class EligibilityQuestionnaire(ClinicOptions clinic, EligibilityCriteria criteria)
{
    public const string Id = "tace-eligibility";
    public const string LoincSystem = "http://loinc.org";

    public string Url => $"{clinic.PublicBaseUrl.TrimEnd('/')}/fhir/Questionnaire/{Id}";

    public string AnswerSystem => $"{clinic.PublicBaseUrl.TrimEnd('/')}/fhir/CodeSystem/tace-eligibility-answers";

    public string Version => criteria.Version;

    /// <summary>Every answer item, with how it reads from and writes into the form's answers.</summary>
    public static readonly IReadOnlyList<Question> Questions =
    [
        Choice<PrimaryDiagnosis>("diagnosis", nameof(QuestionnaireInput.Diagnosis), 1, null, "Primary diagnosis", DisplayNames.For, q => q.Diagnosis, (q, v) => q with { Diagnosis = v }),
        Choice<BclcStage>("bclc-stage", nameof(QuestionnaireInput.BclcStage), 2, 'a', "BCLC stage (HCC only)", DisplayNames.For, q => q.BclcStage, (q, v) => q with { BclcStage = v }),
        YesNo("curative-treatment-not-possible", nameof(QuestionnaireInput.CurativeTreatmentNotPossible), 2, 'b', "BCLC 0/A: resection, ablation and transplant all not possible?", q => q.CurativeTreatmentNotPossible, (q, v) => q with { CurativeTreatmentNotPossible = v }),
        Choice<PortalVeinStatus>("portal-vein", nameof(QuestionnaireInput.PortalVein), 10, null, "Portal vein", DisplayNames.For, q => q.PortalVein, (q, v) => q with { PortalVein = v }),
        YesNo("extrahepatic-disease", nameof(QuestionnaireInput.ExtrahepaticDisease), 11, null, "Extrahepatic disease?", q => q.ExtrahepaticDisease, (q, v) => q with { ExtrahepaticDisease = v }),
        Number("tumour-burden-percent", nameof(QuestionnaireInput.TumourBurdenPercent), 12, 'a', "Tumour burden (% of liver)", null, q => q.TumourBurdenPercent, (q, v) => q with { TumourBurdenPercent = v }),
        Number("largest-lesion-cm", nameof(QuestionnaireInput.LargestLesionCm), 12, 'b', "Largest lesion (cm)", null, q => q.LargestLesionCm, (q, v) => q with { LargestLesionCm = v }),
        Date("imaging-done-on", nameof(QuestionnaireInput.ImagingDoneOn), 0, null, "Date of latest CT or MRI", q => q.ImagingDoneOn, (q, v) => q with { ImagingDoneOn = v }),
        Date("labs-drawn-on", nameof(QuestionnaireInput.LabsDrawnOn), 0, null, "Date labs were drawn", q => q.LabsDrawnOn, (q, v) => q with { LabsDrawnOn = v }),
        Number("bilirubin", nameof(QuestionnaireInput.BilirubinMgDl), 5, null, "Total bilirubin (mg/dL)", ("1975-2", "Bilirubin.total [Mass/volume] in Serum or Plasma"), q => q.BilirubinMgDl, (q, v) => q with { BilirubinMgDl = v }),
        Number("albumin", nameof(QuestionnaireInput.AlbuminGdL), 6, null, "Albumin (g/dL)", ("1751-7", "Albumin [Mass/volume] in Serum or Plasma"), q => q.AlbuminGdL, (q, v) => q with { AlbuminGdL = v }),
        Number("inr", nameof(QuestionnaireInput.Inr), 7, null, "INR", ("6301-6", "INR in Platelet poor plasma by Coagulation assay"), q => q.Inr, (q, v) => q with { Inr = v }),
        Number("platelets", nameof(QuestionnaireInput.Platelets), 8, null, "Platelets (×10⁹/L)", ("777-3", "Platelets [#/volume] in Blood by Automated count"), q => q.Platelets, (q, v) => q with { Platelets = v }),
        Number("creatinine", nameof(QuestionnaireInput.CreatinineMgDl), 9, 'a', "Creatinine (mg/dL)", ("2160-0", "Creatinine [Mass/volume] in Serum or Plasma"), q => q.CreatinineMgDl, (q, v) => q with { CreatinineMgDl = v }),
        Number("egfr", nameof(QuestionnaireInput.Egfr), 9, 'b', "eGFR (mL/min/1.73m²)", null, q => q.Egfr, (q, v) => q with { Egfr = v }),
        YesNo("on-dialysis", nameof(QuestionnaireInput.OnDialysis), 9, 'c', "On dialysis?", q => q.OnDialysis, (q, v) => q with { OnDialysis = v }),
        Choice<Ascites>("ascites", nameof(QuestionnaireInput.Ascites), 3, 'a', "Ascites", DisplayNames.For, q => q.Ascites, (q, v) => q with { Ascites = v }),
        Choice<Encephalopathy>("encephalopathy", nameof(QuestionnaireInput.Encephalopathy), 3, 'b', "Encephalopathy (current)", DisplayNames.For, q => q.Encephalopathy, (q, v) => q with { Encephalopathy = v }),
        YesNo("prior-encephalopathy", nameof(QuestionnaireInput.PriorEncephalopathy), 20, null, "History of encephalopathy?", q => q.PriorEncephalopathy, (q, v) => q with { PriorEncephalopathy = v }),
        Integer("ecog", nameof(QuestionnaireInput.Ecog), 4, null, "ECOG performance status (0-4)", ("89247-1", "ECOG Performance Status score"), q => q.Ecog, (q, v) => q with { Ecog = v }),
        Choice<ContrastReaction>("contrast-reaction", nameof(QuestionnaireInput.ContrastReaction), 15, null, "Prior reaction to iodinated contrast", DisplayNames.For, q => q.ContrastReaction, (q, v) => q with { ContrastReaction = v }),
        Choice<Pregnancy>("pregnancy", nameof(QuestionnaireInput.Pregnancy), 16, null, "Pregnancy", DisplayNames.For, q => q.Pregnancy, (q, v) => q with { Pregnancy = v }),
        YesNo("active-infection", nameof(QuestionnaireInput.ActiveInfection), 17, null, "Active infection or fever?", q => q.ActiveInfection, (q, v) => q with { ActiveInfection = v }),
        YesNo("takes-anticoagulant", nameof(QuestionnaireInput.TakesAnticoagulant), 18, 'a', "Anticoagulant or antiplatelet medication?", q => q.TakesAnticoagulant, (q, v) => q with { TakesAnticoagulant = v }),
        Text("anticoagulant", nameof(QuestionnaireInput.Anticoagulant), 18, 'b', "Which medication?", q => q.Anticoagulant, (q, v) => q with { Anticoagulant = v }),
        YesNo("liver-transplant", nameof(QuestionnaireInput.LiverTransplant), 19, null, "Liver transplant listed, candidate or prior?", q => q.LiverTransplant, (q, v) => q with { LiverTransplant = v }),
        YesNo("varices-or-cardiopulmonary", nameof(QuestionnaireInput.HighRiskVaricesOrSevereCardiopulmonaryDisease), 14, null, "Untreated high-risk varices, or severe cardiac/pulmonary disease?", q => q.HighRiskVaricesOrSevereCardiopulmonaryDisease, (q, v) => q with { HighRiskVaricesOrSevereCardiopulmonaryDisease = v }),
        YesNo("biliary-obstruction", nameof(QuestionnaireInput.BiliaryObstruction), 13, 'a', "Biliary obstruction?", q => q.BiliaryObstruction, (q, v) => q with { BiliaryObstruction = v }),
        YesNo("bilio-enteric-anastomosis", nameof(QuestionnaireInput.BilioEntericAnastomosis), 13, 'b', "Bilio-enteric anastomosis (e.g. Whipple)?", q => q.BilioEntericAnastomosis, (q, v) => q with { BilioEntericAnastomosis = v }),
        YesNo("biliary-stent", nameof(QuestionnaireInput.BiliaryStent), 13, 'c', "Biliary stent?", q => q.BiliaryStent, (q, v) => q with { BiliaryStent = v }),
        YesNo("sphincterotomy", nameof(QuestionnaireInput.Sphincterotomy), 13, 'd', "Sphincterotomy?", q => q.Sphincterotomy, (q, v) => q with { Sphincterotomy = v }),
    ];

    /// <summary>Criteria asked in several parts: the group's wording (the form's, where it has one).</summary>
    public static readonly IReadOnlyDictionary<int, string> Groups = new Dictionary<int, string>
    {
        [2] = "BCLC stage",
        [3] = "Child-Pugh score (computed from bilirubin, albumin, INR, ascites and encephalopathy; not typed)",
        [9] = "Creatinine and eGFR",
        [12] = "Tumour burden",
        [13] = "Biliary risk factors",
        [18] = "Anticoagulant or antiplatelet medication",
    };

    /// <summary>The form's field (a QuestionnaireInput property) behind each item, for naming items in errors.</summary>
    public static string? LinkIdOfField(string field) =>
        Questions.FirstOrDefault(q => string.Equals(q.Field, field, StringComparison.Ordinal))?.LinkId;

    /// <summary>Where a criterion's finding points in a QuestionnaireResponse (its first item).</summary>
    public static string? LinkIdOfCriterion(int criterion) =>
        Questions.FirstOrDefault(q => q.Criterion == criterion)?.LinkId
        ?? (criterion == 3 ? "ascites" : null);

    public Questionnaire Build()
    {
        var questionnaire = new Questionnaire
        {
            Id = Id,
            Url = Url,
            Version = Version,
            Name = "TaceEligibility",
            Title = "Chemoembolization (TACE) eligibility questionnaire",
            Status = PublicationStatus.Active,
            SubjectType = [ResourceType.Patient],
            Description = new Markdown(
                "The questions a referring doctor answers for a chemoembolization (TACE) referral, evaluated by the clinic's eligibility "
                + $"criteria version {Version}: eligible, needs review by an IR physician, or ineligible, with one reason per criterion. "
                + "Answer every enabled item; answers outside plausible ranges are refused with the item named."),
            Publisher = clinic.Name,
        };

        var order = Questions.Select(q => q.Criterion).Distinct().ToList();
        foreach (var criterion in order)
        {
            var parts = Questions.Where(q => q.Criterion == criterion).ToList();
            if (criterion != 0 && Groups.TryGetValue(criterion, out var groupText))
            {
                var group = new Questionnaire.ItemComponent
                {
                    LinkId = $"criterion-{criterion}",
                    Prefix = QuestionPrefix(criterion, null),
                    Text = groupText,
                    Type = Questionnaire.QuestionnaireItemType.Group,
                };
                group.Item.AddRange(parts.Select(ItemFor));
                questionnaire.Item.Add(group);
            }
            else
            {
                questionnaire.Item.AddRange(parts.Select(ItemFor));
            }
        }

        return questionnaire;
    }

    /// <summary>
    /// The form's answers from a QuestionnaireResponse: each known item read by its type, the group
    /// structure ignored (items are found by linkId wherever they are). Problems name the item.
    /// </summary>
    public (QuestionnaireInput Answers, IReadOnlyList<(string LinkId, string Message)> Problems) Read(QuestionnaireResponse response)
    {
        List<(string, string)> problems = [];
        var input = new QuestionnaireInput();
        var answered = Flatten(response.Item).ToList();
        foreach (var unknown in answered.Where(i => i.Answer.Count > 0 && Questions.All(q => q.LinkId != i.LinkId)))
        {
            problems.Add((unknown.LinkId ?? string.Empty, $"Item {unknown.LinkId} is not a question of {Url}."));
        }

        foreach (var question in Questions)
        {
            var item = answered.FirstOrDefault(i => i.LinkId == question.LinkId);
            if (item is null || item.Answer.Count == 0)
            {
                continue;
            }

            if (item.Answer.Count > 1)
            {
                problems.Add((question.LinkId, $"{question.Text} takes one answer."));
                continue;
            }

            var (value, problem) = question.ReadAnswer(item.Answer[0].Value, AnswerSystem);
            if (problem is not null)
            {
                problems.Add((question.LinkId, problem));
            }
            else
            {
                input = question.Write(input, value);
            }
        }

        return (input, problems);
    }

    /// <summary>The form's answers as a QuestionnaireResponse (what a referral's record shows), unanswered items left out.</summary>
    public QuestionnaireResponse Write(QuestionnaireInput input)
    {
        var response = new QuestionnaireResponse
        {
            Questionnaire = $"{Url}|{Version}",
            Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
        };
        foreach (var question in Questions)
        {
            if (question.AnswerOf(input, AnswerSystem) is { } answer)
            {
                response.Item.Add(new QuestionnaireResponse.ItemComponent
                {
                    LinkId = question.LinkId,
                    Text = question.Text,
                    Answer = [new QuestionnaireResponse.AnswerComponent { Value = answer }],
                });
            }
        }

        return response;
    }

    private static IEnumerable<QuestionnaireResponse.ItemComponent> Flatten(IEnumerable<QuestionnaireResponse.ItemComponent> items) =>
        items.SelectMany(i => new[] { i }.Concat(Flatten(i.Item)).Concat(i.Answer.SelectMany(a => Flatten(a.Item))));

    private Questionnaire.ItemComponent ItemFor(Question question)
    {
        var item = new Questionnaire.ItemComponent
        {
            LinkId = question.LinkId,
            Prefix = question.Criterion == 0 ? null : QuestionPrefix(question.Criterion, question.Part),
            Text = question.Text,
            Type = question.Type,
            Required = true,
        };
        if (question.Loinc is { } loinc)
        {
            item.Code = [new Coding(LoincSystem, loinc.Code, loinc.Display)];
        }

        foreach (var (code, display) in question.Options)
        {
            item.AnswerOption.Add(new Questionnaire.AnswerOptionComponent { Value = new Coding(AnswerSystem, code, display) });
        }

        switch (question.LinkId)
        {
            case "bclc-stage":
                item.EnableWhen.Add(Equals("diagnosis", nameof(PrimaryDiagnosis.Hcc), DisplayNames.For(PrimaryDiagnosis.Hcc)));
                break;
            case "curative-treatment-not-possible":
                item.EnableWhen.Add(Equals("bclc-stage", nameof(BclcStage.Stage0), DisplayNames.For(BclcStage.Stage0)));
                item.EnableWhen.Add(Equals("bclc-stage", nameof(BclcStage.A), DisplayNames.For(BclcStage.A)));
                item.EnableBehavior = Questionnaire.EnableWhenBehavior.Any;
                break;
            case "anticoagulant":
                item.EnableWhen.Add(new Questionnaire.EnableWhenComponent
                {
                    Question = "takes-anticoagulant",
                    Operator = Questionnaire.QuestionnaireItemOperator.Equal,
                    Answer = new FhirBoolean(true),
                });
                break;
        }

        return item;
    }

    private Questionnaire.EnableWhenComponent Equals(string linkId, string code, string display) => new()
    {
        Question = linkId,
        Operator = Questionnaire.QuestionnaireItemOperator.Equal,
        Answer = new Coding(AnswerSystem, code, display),
    };

    /// <summary>The form's numbering: criterion ids in the order the form asks them.</summary>
    private static string QuestionPrefix(int criterion, char? part) => Models.Referrals.QuestionNumbers.For(criterion, part);

    private static Question Choice<T>(string linkId, string field, int criterion, char? part, string text, Func<T, string> display, Func<QuestionnaireInput, T?> get, Func<QuestionnaireInput, T?, QuestionnaireInput> set)
        where T : struct, Enum =>
        new(linkId, criterion, part, text, Questionnaire.QuestionnaireItemType.Choice, null,
            Enum.GetValues<T>().Select(v => (v.ToString(), display(v))).ToList(),
            (value, system) => value is Coding coding && coding.System == system && Enum.TryParse<T>(coding.Code, out var parsed) && Enum.IsDefined(parsed) && coding.Code == parsed.ToString()
                ? (parsed, null)
                : (null, $"{text}: answer with one of the item's codes ({string.Join(", ", Enum.GetNames<T>())}) in {system}."),
            (q, v) => set(q, (T?)v),
            (q, system) => get(q) is { } v ? new Coding(system, v.ToString(), display(v)) : null,
            field);

    private static Question YesNo(string linkId, string field, int criterion, char? part, string text, Func<QuestionnaireInput, bool?> get, Func<QuestionnaireInput, bool?, QuestionnaireInput> set) =>
        new(linkId, criterion, part, text, Questionnaire.QuestionnaireItemType.Boolean, null, [],
            (value, _) => value is FhirBoolean { Value: { } b } ? (b, null) : (null, $"{text}: answer with valueBoolean."),
            (q, v) => set(q, (bool?)v),
            (q, _) => get(q) is { } v ? new FhirBoolean(v) : null,
            field);

    private static Question Number(string linkId, string field, int criterion, char? part, string text, (string Code, string Display)? loinc, Func<QuestionnaireInput, decimal?> get, Func<QuestionnaireInput, decimal?, QuestionnaireInput> set) =>
        new(linkId, criterion, part, text, Questionnaire.QuestionnaireItemType.Decimal, loinc, [],
            (value, _) => value switch
            {
                FhirDecimal { Value: { } d } => (d, null),
                Integer { Value: { } i } => ((decimal)i, null),
                _ => (null, $"{text}: answer with valueDecimal."),
            },
            (q, v) => set(q, (decimal?)v),
            (q, _) => get(q) is { } v ? new FhirDecimal(v) : null,
            field);

    private static Question Integer(string linkId, string field, int criterion, char? part, string text, (string Code, string Display)? loinc, Func<QuestionnaireInput, int?> get, Func<QuestionnaireInput, int?, QuestionnaireInput> set) =>
        new(linkId, criterion, part, text, Questionnaire.QuestionnaireItemType.Integer, loinc, [],
            (value, _) => value is Hl7.Fhir.Model.Integer { Value: { } i } ? (i, null) : (null, $"{text}: answer with valueInteger."),
            (q, v) => set(q, (int?)v),
            (q, _) => get(q) is { } v ? new Hl7.Fhir.Model.Integer(v) : null,
            field);

    private static Question Date(string linkId, string field, int criterion, char? part, string text, Func<QuestionnaireInput, DateOnly?> get, Func<QuestionnaireInput, DateOnly?, QuestionnaireInput> set) =>
        new(linkId, criterion, part, text, Questionnaire.QuestionnaireItemType.Date, null, [],
            (value, _) => value is Hl7.Fhir.Model.Date { Value: { Length: 10 } d } && DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                ? (parsed, null)
                : (null, $"{text}: answer with a full valueDate (YYYY-MM-DD)."),
            (q, v) => set(q, (DateOnly?)v),
            (q, _) => get(q) is { } v ? new Hl7.Fhir.Model.Date(v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : null,
            field);

    private static Question Text(string linkId, string field, int criterion, char? part, string text, Func<QuestionnaireInput, string?> get, Func<QuestionnaireInput, string?, QuestionnaireInput> set) =>
        new(linkId, criterion, part, text, Questionnaire.QuestionnaireItemType.String, null, [],
            (value, _) => value is FhirString { Value: { } s } ? (s, null) : (null, $"{text}: answer with valueString."),
            (q, v) => set(q, (string?)v),
            (q, _) => get(q) is { Length: > 0 } v ? new FhirString(v) : null,
            field);

    /// <summary>One answer item: its identity, wording and type, and how it maps to the form's answers.</summary>
    public sealed record Question(
        string LinkId,
        int Criterion,
        char? Part,
        string Text,
        Questionnaire.QuestionnaireItemType Type,
        (string Code, string Display)? Loinc,
        IReadOnlyList<(string Code, string Display)> Options,
        Func<DataType?, string, (object? Value, string? Problem)> ReadAnswer,
        Func<QuestionnaireInput, object?, QuestionnaireInput> Write,
        Func<QuestionnaireInput, string, DataType?> AnswerOf,
        string Field);
}

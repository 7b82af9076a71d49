using System.Globalization;

using Hl7.Fhir.Model;

using Scheduling.Application.Features.Referrals;
using Scheduling.Domain.Eligibility;

namespace Scheduling.FhirTests.Infrastructure;

/// <summary>
/// Referral transactions as a hospital's integration engine would build them: a Patient, a
/// ServiceRequest and a QuestionnaireResponse that answers the published Questionnaire item by item
/// (the items and their choice codes are read from the Questionnaire the server returned).
/// </summary>
public static class Referrals
{
    /// <summary>
    /// The date the labs and imaging are dated: yesterday by UTC, which is today or earlier in every clinic's
    /// time zone. (UTC's today is the New York clinic's tomorrow from 00:00 to 05:00 UTC, and a result dated in
    /// the future is refused.)
    /// </summary>
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1));

    /// <summary>The form's answers keyed by the questionnaire's linkIds, as FHIR answer values.</summary>
    public static Dictionary<string, DataType> AnswersFor(QuestionnaireInput q, Questionnaire questionnaire)
    {
        var system = Flatten(questionnaire.Item).First(i => i.LinkId == "diagnosis").AnswerOption[0].Value is Coding c ? c.System : throw new InvalidOperationException();
        Dictionary<string, DataType> values = [];
        void Add(string linkId, DataType? value)
        {
            if (value is not null)
            {
                values[linkId] = value;
            }
        }

        static DataType? B(bool? v) => v is { } b ? new FhirBoolean(b) : null;
        static DataType? D(decimal? v) => v is { } d ? new FhirDecimal(d) : null;
        DataType? C<T>(T? v)
            where T : struct, Enum => v is { } e ? new Coding(system, e.ToString()) : null;
        static DataType? Day(DateOnly? v) => v is { } d ? new Date(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : null;

        Add("diagnosis", C(q.Diagnosis));
        Add("bclc-stage", C(q.BclcStage));
        Add("curative-treatment-not-possible", B(q.CurativeTreatmentNotPossible));
        Add("portal-vein", C(q.PortalVein));
        Add("extrahepatic-disease", B(q.ExtrahepaticDisease));
        Add("tumour-burden-percent", D(q.TumourBurdenPercent));
        Add("largest-lesion-cm", D(q.LargestLesionCm));
        Add("imaging-done-on", Day(q.ImagingDoneOn));
        Add("labs-drawn-on", Day(q.LabsDrawnOn));
        Add("bilirubin", D(q.BilirubinMgDl));
        Add("albumin", D(q.AlbuminGdL));
        Add("inr", D(q.Inr));
        Add("platelets", D(q.Platelets));
        Add("creatinine", D(q.CreatinineMgDl));
        Add("egfr", D(q.Egfr));
        Add("on-dialysis", B(q.OnDialysis));
        Add("ascites", C(q.Ascites));
        Add("encephalopathy", C(q.Encephalopathy));
        Add("prior-encephalopathy", B(q.PriorEncephalopathy));
        Add("ecog", q.Ecog is { } ecog ? new Integer(ecog) : null);
        Add("contrast-reaction", C(q.ContrastReaction));
        Add("pregnancy", C(q.Pregnancy));
        Add("active-infection", B(q.ActiveInfection));
        Add("takes-anticoagulant", B(q.TakesAnticoagulant));
        Add("anticoagulant", q.Anticoagulant is { } a ? new FhirString(a) : null);
        Add("liver-transplant", B(q.LiverTransplant));
        Add("varices-or-cardiopulmonary", B(q.HighRiskVaricesOrSevereCardiopulmonaryDisease));
        Add("biliary-obstruction", B(q.BiliaryObstruction));
        Add("bilio-enteric-anastomosis", B(q.BilioEntericAnastomosis));
        Add("biliary-stent", B(q.BiliaryStent));
        Add("sphincterotomy", B(q.Sphincterotomy));
        return values;
    }

    /// <summary>A QuestionnaireResponse following the Questionnaire's structure (groups and all), with the given answers.</summary>
    public static QuestionnaireResponse Response(Questionnaire questionnaire, IReadOnlyDictionary<string, DataType> answers)
    {
        List<QuestionnaireResponse.ItemComponent> Items(IEnumerable<Questionnaire.ItemComponent> items) => items
            .Select(item => item.Type == Questionnaire.QuestionnaireItemType.Group
                ? new QuestionnaireResponse.ItemComponent { LinkId = item.LinkId, Text = item.Text, Item = Items(item.Item) }
                : answers.TryGetValue(item.LinkId ?? string.Empty, out var value)
                    ? new QuestionnaireResponse.ItemComponent { LinkId = item.LinkId, Text = item.Text, Answer = [new QuestionnaireResponse.AnswerComponent { Value = value }] }
                    : null)
            .Where(i => i is not null && (i.Answer.Count > 0 || i.Item.Count > 0))
            .Select(i => i!)
            .ToList();

        return new QuestionnaireResponse
        {
            Questionnaire = questionnaire.Url + "|" + questionnaire.Version,
            Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            Subject = new ResourceReference("urn:uuid:11111111-1111-4111-8111-111111111111"),
            Item = Items(questionnaire.Item),
        };
    }

    /// <summary>A referral transaction for a patient named <paramref name="lastName"/> with these answers.</summary>
    public static Bundle Transaction(Questionnaire questionnaire, QuestionnaireInput answers, string lastName = "Okafor", Action<Patient>? patient = null)
    {
        const string patientUrl = "urn:uuid:11111111-1111-4111-8111-111111111111";
        const string answersUrl = "urn:uuid:33333333-3333-4333-8333-333333333333";
        var person = new Patient
        {
            Identifier = [new Identifier { Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v2-0203", "MR"), System = "urn:oid:2.16.840.1.113883.19.5", Value = "MRN-" + lastName }],
            Name = [new HumanName { Use = HumanName.NameUse.Official, Family = lastName, Given = ["Ada"] }],
            BirthDate = "1958-04-12",
            Gender = AdministrativeGender.Female,
            Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, "555-0101"), new ContactPoint(ContactPoint.ContactPointSystem.Email, null, "ada.okafor@example.com")],
            Communication = [new Patient.CommunicationComponent { Language = new CodeableConcept("urn:ietf:bcp:47", "en", "English", "English"), Preferred = true }],
        };
        patient?.Invoke(person);
        var request = new ServiceRequest
        {
            Status = RequestStatus.Active,
            Intent = RequestIntent.Order,
            Code = new CodeableConcept { Text = "Chemoembolization (TACE)" },
            Subject = new ResourceReference(patientUrl),
            Requester = new ResourceReference { Display = "Dr Grace Hopper, 555-0142" },
            Priority = RequestPriority.Routine,
            ReasonCode = [new CodeableConcept("http://hl7.org/fhir/sid/icd-10-cm", "C22.0", "Liver cell carcinoma", "Hepatocellular carcinoma")],
            SupportingInfo = [new ResourceReference(answersUrl)],
        };
        var response = Response(questionnaire, AnswersFor(answers, questionnaire));
        return new Bundle
        {
            Type = Bundle.BundleType.Transaction,
            Entry =
            [
                new Bundle.EntryComponent { FullUrl = patientUrl, Resource = person, Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = "Patient" } },
                new Bundle.EntryComponent { FullUrl = "urn:uuid:22222222-2222-4222-8222-222222222222", Resource = request, Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = "ServiceRequest" } },
                new Bundle.EntryComponent { FullUrl = answersUrl, Resource = response, Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = "QuestionnaireResponse" } },
            ],
        };
    }

    public static IEnumerable<Questionnaire.ItemComponent> Flatten(IEnumerable<Questionnaire.ItemComponent> items) =>
        items.SelectMany(i => new[] { i }.Concat(Flatten(i.Item)));

    public static QuestionnaireInput Eligible() => TestSupport.TestData.EligibleQuestionnaire(Today);

    public static QuestionnaireInput NeedsReview() => TestSupport.TestData.BilirubinAndEcogNeedReview(Today);

    public static QuestionnaireInput Ineligible() => TestSupport.TestData.MainPortalVeinThrombosis(Today);

    public static QuestionnaireInput WithBilirubin(decimal value) => Eligible() with { BilirubinMgDl = value };

    public static PrimaryDiagnosis Hcc => PrimaryDiagnosis.Hcc;
}

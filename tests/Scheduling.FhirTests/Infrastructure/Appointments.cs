using System.Net;

using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;

using Microsoft.Extensions.DependencyInjection;

using Scheduling.Domain.Common;
using Scheduling.Domain.Integration;
using Scheduling.TestSupport;

namespace Scheduling.FhirTests.Infrastructure;

/// <summary>
/// What the scheduling tests share: a hospital system that refers and books (its client, token and
/// FhirClient), a referral sent through the intake, rooms and slots on a day of the test's own (the
/// tests share one app, so each keeps to its own days), and the IHE operations' Parameters.
/// </summary>
public static class Appointments
{
    public static readonly string[] BookingScopes =
    [
        SmartScopes.QuestionnaireRead, SmartScopes.ServiceRequestCreate, SmartScopes.AppointmentRead, SmartScopes.AppointmentWrite,
    ];

    private static int _days;

    /// <summary>A clinic day of this test's own, well past the lead time (one per call, never shared).</summary>
    public static DateOnly OwnDay(FhirServer server)
    {
        var today = server.Services.GetRequiredService<ClinicTime>().LocalDate(server.Clock.GetUtcNow().UtcDateTime);
        return today.AddDays(30 + Interlocked.Increment(ref _days));
    }

    public sealed record Booker(SmartClient Client, FhirClient Fhir, string Token, string ReferralId);

    /// <summary>A system registered for a new doctor with <paramref name="scopes"/>, and one eligible referral it sent (ready to schedule).</summary>
    public static async Task<Booker> BookerAsync(FhirServer server, IReadOnlyList<string>? scopes = null)
    {
        var granted = scopes ?? BookingScopes;
        var client = await server.RegisterClientAsync([.. granted.Union([SmartScopes.QuestionnaireRead, SmartScopes.ServiceRequestCreate])]);
        var token = await client.TokenAsync(string.Join(' ', granted.Union([SmartScopes.QuestionnaireRead, SmartScopes.ServiceRequestCreate])));
        var fhir = client.Fhir(token);
        var questionnaire = await fhir.ReadAsync<Questionnaire>("Questionnaire/tace-eligibility");
        var response = await fhir.TransactionAsync(Referrals.Transaction(questionnaire!, Referrals.Eligible()));
        var referralId = response!.Entry.Select(e => e.Resource).OfType<ServiceRequest>().Single().Id;
        return new Booker(client, fhir, token, referralId);
    }

    /// <summary>A new room with 90-minute slots at these clinic times on <paramref name="day"/>; their ids and UTC starts, in order.</summary>
    public static Task<List<(Guid Id, DateTime StartUtc)>> AddSlotsAsync(FhirServer server, DateOnly day, params TimeOnly[] starts) =>
        server.WithDbAsync(async db =>
        {
            var clinicTime = server.Services.GetRequiredService<ClinicTime>();
            var now = server.Clock.GetUtcNow().UtcDateTime;
            var room = TestData.Room(now);
            db.Rooms.Add(room);
            var slots = starts.Select(start => TestData.Slot(room, clinicTime, day, start, now)).ToList();
            db.Slots.AddRange(slots);
            await db.SaveChangesAsync();
            return slots.Select(s => (s.Id, s.StartUtc)).ToList();
        });

    public static Parameters Find(string referralId, DateOnly from, DateOnly to, int? count = null)
    {
        var parameters = new Parameters();
        parameters.Add("start", new Date(from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        parameters.Add("end", new Date(to.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        parameters.Add("referral-identifier", new Identifier { Value = referralId });
        if (count is { } c)
        {
            parameters.Add("_count", new Integer(c));
        }

        return parameters;
    }

    public static Parameters Reference(string appointmentId)
    {
        var parameters = new Parameters();
        parameters.Add("appointment-reference", new ResourceReference($"Appointment/{appointmentId}"));
        return parameters;
    }

    public static async Task<Bundle> FindAsync(FhirClient fhir, Parameters parameters) =>
        (Bundle)(await fhir.TypeOperationAsync<Appointment>("find", parameters))!;

    public static async Task<Appointment> HoldAsync(FhirClient fhir, string appointmentId) =>
        (Appointment)(await fhir.TypeOperationAsync<Appointment>("hold", Reference(appointmentId)))!;

    public static async Task<Bundle> BookAsync(FhirClient fhir, Parameters parameters) =>
        (Bundle)(await fhir.TypeOperationAsync<Appointment>("book", parameters))!;

    /// <summary>The proposed appointments of a $find answer, each validated against R4 with the Bundle.</summary>
    public static List<Appointment> Proposed(Bundle found)
    {
        R4Validator.AssertValid(found);
        return found.Entry.Select(e => e.Resource).Cast<Appointment>().ToList();
    }

    /// <summary>An operation's refusal: its HTTP status and its OperationOutcome (validated).</summary>
    public static async Task<(HttpStatusCode Status, OperationOutcome Outcome)> RefusedAsync(Func<System.Threading.Tasks.Task> call)
    {
        var refused = await Assert.ThrowsAsync<FhirOperationException>(call);
        R4Validator.AssertValid(refused.Outcome);
        return (refused.Status, refused.Outcome);
    }

    public static string Json(Resource resource) => Web.Fhir.FhirJson.Serialize(resource);
}

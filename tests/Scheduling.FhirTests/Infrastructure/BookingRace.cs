using System.Net;

using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

using Microsoft.EntityFrameworkCore;

using Scheduling.Domain.Bookings;

namespace Scheduling.FhirTests.Infrastructure;

/// <summary>
/// Many calls of one system's $book for one proposed appointment, released together over real HTTP:
/// how many were booked, how many refused as a conflict, anything else (status and body), and how
/// many bookings the referral has in the database afterwards. Every answer's body is a valid resource.
/// </summary>
public static class BookingRace
{
    public sealed record Outcome(int Booked, int Conflicts, IReadOnlyList<string> Other, int BookingsInTheDatabase);

    public static async Task<Outcome> RunAsync(FhirServer server, int calls)
    {
        var booker = await Appointments.BookerAsync(server);
        var day = Appointments.OwnDay(server);
        await Appointments.AddSlotsAsync(server, day, new TimeOnly(10, 0));
        var proposed = Assert.Single(Appointments.Proposed(await Appointments.FindAsync(booker.Fhir, Appointments.Find(booker.ReferralId, day, day))));
        var body = Appointments.Json(Appointments.Reference(proposed.Id));

        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = Enumerable.Range(0, calls).Select(async _ =>
        {
            await go.Task;
            return await SmartClient.SendAsync(HttpMethod.Post, server.FhirBase + "/Appointment/$book", booker.Token, body);
        }).ToList();
        go.SetResult();
        var answers = await System.Threading.Tasks.Task.WhenAll(racers);

        var parser = new FhirJsonDeserializer(new DeserializerSettings());
        foreach (var first in answers.GroupBy(a => a.Status).Select(g => g.First()))
        {
            R4Validator.AssertValid(parser.DeserializeResource(first.Body));
        }

        var referralId = Guid.Parse(booker.ReferralId);
        var bookings = await server.WithDbAsync(db => db.Bookings.CountAsync(b => b.ReferralId == referralId && b.Status != BookingStatus.Cancelled));
        return new Outcome(
            answers.Count(a => a.Status == HttpStatusCode.OK),
            answers.Count(a => a.Status == HttpStatusCode.Conflict),
            answers.Where(a => a.Status is not (HttpStatusCode.OK or HttpStatusCode.Conflict)).Select(a => $"{(int)a.Status}: {a.Body}").ToList(),
            bookings);
    }
}

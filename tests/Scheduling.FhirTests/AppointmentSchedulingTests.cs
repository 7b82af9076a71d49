using System.Net;

using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;

using Microsoft.EntityFrameworkCore;

using Scheduling.Domain.Bookings;
using Scheduling.Domain.Integration;
using Scheduling.FhirTests.Infrastructure;
using Scheduling.Web.Fhir;

using static Scheduling.FhirTests.Infrastructure.Appointments;

namespace Scheduling.FhirTests;

/// <summary>
/// IHE ITI Scheduling as a hospital's integration engine uses it, with Firely's FhirClient against the
/// running app: $find, $hold, $book, cancel through $book, read and search (GET and POST); every
/// resource the server returns is validated against R4 with zero errors.
/// </summary>
public sealed class AppointmentSchedulingTests(FhirServer server)
{
    private static readonly TimeOnly Eight = new(8, 0);
    private static readonly TimeOnly Ten = new(10, 0);
    private static readonly TimeOnly One = new(13, 0);

    [Fact]
    public async System.Threading.Tasks.Task FindHoldBookCancel_AndSearch_AsAHospitalSystem()
    {
        var booker = await BookerAsync(server);
        var day = OwnDay(server);
        var slots = await AddSlotsAsync(server, day, Eight, Ten, One);

        // $find: every time on the day where the case fits, _count of them, total all of them.
        var found = await FindAsync(booker.Fhir, Find(booker.ReferralId, day, day, count: 2));
        var proposed = Proposed(found);
        Assert.Equal(3, found.Total);
        Assert.Equal(2, proposed.Count);
        Assert.All(proposed, p => Assert.Equal(Appointment.AppointmentStatus.Proposed, p.Status));
        Assert.Equal(slots.Take(2).Select(s => s.StartUtc), proposed.Select(p => p.Start!.Value.UtcDateTime));
        Assert.All(proposed, p => Assert.Contains(p.Participant, a => a.Actor.Reference == $"Patient/{booker.ReferralId}"));

        // $hold: pending with its expiry; the held time is no longer proposed.
        var held = await HoldAsync(booker.Fhir, proposed[0].Id);
        R4Validator.AssertValid(held);
        Assert.Equal(Appointment.AppointmentStatus.Pending, held.Status);
        Assert.Contains("Held for you until", held.Comment, StringComparison.Ordinal);
        Assert.Equal(slots[0].StartUtc, held.Start!.Value.UtcDateTime);
        var afterHold = Proposed(await FindAsync(booker.Fhir, Find(booker.ReferralId, day, day)));
        Assert.Equal(slots.Skip(1).Select(s => s.StartUtc), afterHold.Select(p => p.Start!.Value.UtcDateTime));

        // $book the held one: the booking, as the web app's use case makes it.
        var booked = await BookAsync(booker.Fhir, Reference(held.Id));
        R4Validator.AssertValid(booked);
        var appointment = (Appointment)Assert.Single(booked.Entry).Resource;
        Assert.Equal(Appointment.AppointmentStatus.Booked, appointment.Status);
        var booking = await server.WithDbAsync(db => db.Bookings.AsNoTracking().SingleAsync(b => b.Id == Guid.Parse(appointment.Id)));
        Assert.Equal((slots[0].Id, BookingStatus.PendingConfirmation), (booking.SlotId, booking.Status));
        Assert.Equal(Guid.Parse(booker.ReferralId), booking.ReferralId);
        var (findAfterBooking, _) = await RefusedAsync(() => FindAsync(booker.Fhir, Find(booker.ReferralId, day, day)));
        Assert.Equal(HttpStatusCode.Conflict, findAfterBooking);

        // Read and search, by GET and by POST.
        var read = await booker.Fhir.ReadAsync<Appointment>($"Appointment/{appointment.Id}");
        R4Validator.AssertValid(read!);
        Assert.Equal(slots[0].StartUtc, read!.Start!.Value.UtcDateTime);
        var byPatient = await booker.Fhir.SearchAsync<Appointment>([$"patient=Patient/{booker.ReferralId}", "status=booked"]);
        R4Validator.AssertValid(byPatient!);
        Assert.Equal(appointment.Id, Assert.Single(byPatient!.Entry).Resource.Id);
        var byPost = await booker.Fhir.SearchUsingPostAsync<Appointment>([$"date={day:yyyy-MM-dd}", $"patient=Patient/{booker.ReferralId}"]);
        R4Validator.AssertValid(byPost!);
        Assert.Equal(1, byPost!.Total);
        var later = await booker.Fhir.SearchAsync<Appointment>([$"date=ge{day.AddDays(1):yyyy-MM-dd}", $"patient=Patient/{booker.ReferralId}"]);
        R4Validator.AssertValid(later!);
        Assert.Equal(0, later!.Total);

        // Cancel through $book: the booking is cancelled with the reason given, and searchable as such.
        read.Status = Appointment.AppointmentStatus.Cancelled;
        read.CancelationReason = new CodeableConcept { Text = "The patient chose a centre nearer home." };
        var cancel = new Parameters();
        cancel.Add("appointment-resource", read);
        var cancelled = await BookAsync(booker.Fhir, cancel);
        R4Validator.AssertValid(cancelled);
        Assert.Equal(Appointment.AppointmentStatus.Cancelled, ((Appointment)Assert.Single(cancelled.Entry).Resource).Status);
        var stored = await server.WithDbAsync(db => db.Bookings.AsNoTracking().SingleAsync(b => b.Id == booking.Id));
        Assert.Equal((BookingStatus.Cancelled, "The patient chose a centre nearer home."), (stored.Status, stored.CancelReason));
        var cancelledOnes = await booker.Fhir.SearchAsync<Appointment>([$"patient=Patient/{booker.ReferralId}", "status=cancelled"]);
        R4Validator.AssertValid(cancelledOnes!);
        Assert.Equal(1, cancelledOnes!.Total);
    }

    [Fact]
    public async System.Threading.Tasks.Task BookingAProposedAppointment_QueuesThePatientsEmail_AsTheWebAppDoes()
    {
        var booker = await BookerAsync(server);
        var day = OwnDay(server);
        await AddSlotsAsync(server, day, Ten);
        var proposed = Assert.Single(Proposed(await FindAsync(booker.Fhir, Find(booker.ReferralId, day, day))));

        var booked = await BookAsync(booker.Fhir, Reference(proposed.Id));

        R4Validator.AssertValid(booked);
        var bookingId = Guid.Parse(Assert.Single(booked.Entry).Resource.Id);
        var referralId = Guid.Parse(booker.ReferralId);
        var booking = await server.WithDbAsync(db => db.Bookings.AsNoTracking().SingleAsync(b => b.Id == bookingId));
        Assert.Equal(referralId, booking.ReferralId);
        Assert.True(await server.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.SubjectId == bookingId && m.Kind == Scheduling.Domain.Messaging.MessageKinds.PatientBooked)), "No message was queued for the booking.");
    }

    [Fact]
    public async System.Threading.Tasks.Task AnotherDoctorsSystem_FindsHoldsBooksAndReadsNothingOfTheFirsts()
    {
        var first = await BookerAsync(server);
        var other = await BookerAsync(server);
        var day = OwnDay(server);
        await AddSlotsAsync(server, day, Ten, One);
        var proposed = Proposed(await FindAsync(first.Fhir, Find(first.ReferralId, day, day)));
        var firstsBooking = await BookAsync(first.Fhir, Reference(proposed[0].Id));
        R4Validator.AssertValid(firstsBooking);
        var booked = (Appointment)Assert.Single(firstsBooking.Entry).Resource;

        var (findStatus, _) = await RefusedAsync(() => FindAsync(other.Fhir, Find(first.ReferralId, day, day)));
        var (holdStatus, _) = await RefusedAsync(() => HoldAsync(other.Fhir, proposed[1].Id));
        var (bookStatus, _) = await RefusedAsync(() => BookAsync(other.Fhir, Reference(proposed[1].Id)));
        var (readStatus, _) = await RefusedAsync(() => other.Fhir.ReadAsync<Appointment>($"Appointment/{booked.Id}"));
        booked.Status = Appointment.AppointmentStatus.Cancelled;
        var cancel = new Parameters();
        cancel.Add("appointment-resource", booked);
        var (cancelStatus, _) = await RefusedAsync(() => BookAsync(other.Fhir, cancel));
        var search = await other.Fhir.SearchAsync<Appointment>([$"patient=Patient/{first.ReferralId}"]);

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound],
            new[] { findStatus, holdStatus, bookStatus, readStatus, cancelStatus });
        R4Validator.AssertValid(search!);
        Assert.Equal(0, search!.Total);
        Assert.Equal(BookingStatus.PendingConfirmation, await server.WithDbAsync(db => db.Bookings.Where(b => b.Id == Guid.Parse(booked.Id)).Select(b => b.Status).SingleAsync()));
    }

    [Fact]
    public async System.Threading.Tasks.Task ReadOnlySystem_FindsButCannotHoldOrBook()
    {
        var booker = await BookerAsync(server, [SmartScopes.AppointmentRead]);
        var day = OwnDay(server);
        await AddSlotsAsync(server, day, Ten);
        var proposed = Assert.Single(Proposed(await FindAsync(booker.Fhir, Find(booker.ReferralId, day, day))));

        var (holdStatus, _) = await RefusedAsync(() => HoldAsync(booker.Fhir, proposed.Id));
        var (bookStatus, _) = await RefusedAsync(() => BookAsync(booker.Fhir, Reference(proposed.Id)));

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (holdStatus, bookStatus));
        Assert.False(await server.WithDbAsync(db => db.Bookings.AnyAsync(b => b.ReferralId == Guid.Parse(booker.ReferralId))));
    }

    [Fact]
    public async System.Threading.Tasks.Task BadFindParameters_AreOperationOutcomesNamingTheParameter()
    {
        var booker = await BookerAsync(server);
        var day = OwnDay(server);
        var noEnd = Find(booker.ReferralId, day, day);
        noEnd.Parameter.RemoveAll(p => p.Name == "end");
        var tooLong = Find(booker.ReferralId, day, day.AddDays(40));
        var backwards = Find(booker.ReferralId, day, day.AddDays(-2));

        foreach (var (parameters, expression) in new[] { (noEnd, "end"), (tooLong, "end"), (backwards, "end") })
        {
            var (status, outcome) = await RefusedAsync(() => FindAsync(booker.Fhir, parameters));
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Contains(outcome.Issue, i => i.Expression.Contains(expression));
        }
    }

    /// <summary>50 systems' calls at once for one proposed appointment: one booking, every other call a 409 conflict.</summary>
    [Fact]
    public async System.Threading.Tasks.Task FiftyParallelBooks_OfOneProposedAppointment_MakeExactlyOneBooking()
    {
        var race = await BookingRace.RunAsync(server, calls: 50);

        Assert.True(race.Other.Count == 0, string.Join("\n", race.Other));
        Assert.Equal(1, race.Booked);
        Assert.Equal(49, race.Conflicts);
        Assert.Equal(1, race.BookingsInTheDatabase);
    }
}

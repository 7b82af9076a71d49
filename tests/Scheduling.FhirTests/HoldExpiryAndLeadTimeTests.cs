using System.Net;

using Hl7.Fhir.Model;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

using Scheduling.Domain.Common;
using Scheduling.FhirTests.Infrastructure;
using Scheduling.Web.Fhir;

using static Scheduling.FhirTests.Infrastructure.Appointments;

namespace Scheduling.FhirTests;

/// <summary>An app of its own whose clock the tests move: a Wednesday at 10:00 clinic time to start with.</summary>
public sealed class ClockedFhirServer : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public FhirServer Server { get; private set; } = null!;

    /// <summary>The clinic's day the clock starts on (a Wednesday, so the next business day is Thursday).</summary>
    public DateOnly Wednesday { get; private set; }

    public async ValueTask InitializeAsync()
    {
        Server = FhirServer.Clocked(Clock);
        await Server.InitializeAsync();
        var clinicTime = Server.Services.GetRequiredService<ClinicTime>();
        var today = clinicTime.LocalDate(Clock.GetUtcNow().UtcDateTime);
        Wednesday = today.AddDays(((int)DayOfWeek.Wednesday - (int)today.DayOfWeek + 7) % 7 + 7);
        Clock.SetUtcNow(clinicTime.ToUtc(Wednesday, new TimeOnly(10, 0)));
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

/// <summary>What depends on the clock: a hold keeps its time from others until it expires; the lead time is never proposed or booked over FHIR.</summary>
public sealed class HoldExpiryAndLeadTimeTests(ClockedFhirServer clocked) : IClassFixture<ClockedFhirServer>
{
    private FhirServer Server => clocked.Server;

    [Fact]
    public async System.Threading.Tasks.Task HeldTime_IsRefusedToASecondSystem_UntilTheHoldExpires()
    {
        var first = await BookerAsync(Server);
        var second = await BookerAsync(Server);
        var day = OwnDay(Server);
        var slot = Assert.Single(await AddSlotsAsync(Server, day, new TimeOnly(10, 0)));
        var proposed = Assert.Single(Proposed(await FindAsync(first.Fhir, Find(first.ReferralId, day, day))));
        var held = await HoldAsync(first.Fhir, proposed.Id);
        R4Validator.AssertValid(held);
        Assert.Equal(Appointment.AppointmentStatus.Pending, held.Status);

        // The second system is not offered the time, and holding or booking it for its own referral is a conflict.
        var secondsFind = await FindAsync(second.Fhir, Find(second.ReferralId, day, day));
        var sameTime = ProposedAppointmentId.Encode(slot.Id, Guid.Parse(second.ReferralId), null);
        var (holdStatus, holdOutcome) = await RefusedAsync(() => HoldAsync(second.Fhir, sameTime));
        var (bookStatus, _) = await RefusedAsync(() => BookAsync(second.Fhir, Reference(sameTime)));

        Assert.Empty(Proposed(secondsFind));
        Assert.Equal(0, secondsFind.Total);
        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (holdStatus, bookStatus));
        Assert.Equal(OperationOutcome.IssueType.Conflict, Assert.Single(holdOutcome.Issue).Code);

        // Ten minutes later (the default hold) the time is free again for anyone.
        clocked.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        var fresh = second.Client.Fhir(await second.Client.TokenAsync(string.Join(' ', BookingScopes)));
        var offeredAgain = Assert.Single(Proposed(await FindAsync(fresh, Find(second.ReferralId, day, day))));
        var secondsHold = await HoldAsync(fresh, offeredAgain.Id);

        R4Validator.AssertValid(secondsHold);
        Assert.Equal(slot.StartUtc, secondsHold.Start!.Value.UtcDateTime);
        var firstAgain = first.Client.Fhir(await first.Client.TokenAsync(string.Join(' ', BookingScopes)));
        var (firstsLateBook, _) = await RefusedAsync(() => BookAsync(firstAgain, Reference(held.Id)));
        Assert.Equal(HttpStatusCode.Conflict, firstsLateBook);
    }

    [Fact]
    public async System.Threading.Tasks.Task TimesInsideTheLeadTime_AreNeitherProposedNorBookable()
    {
        var booker = await BookerAsync(Server);
        var thursday = clocked.Wednesday.AddDays(1);
        var slots = await AddSlotsAsync(Server, clocked.Wednesday, new TimeOnly(15, 0));
        var bookable = await AddSlotsAsync(Server, thursday, new TimeOnly(9, 0));

        var proposed = Proposed(await FindAsync(booker.Fhir, Find(booker.ReferralId, clocked.Wednesday, thursday)));
        var insideLeadTime = ProposedAppointmentId.Encode(slots[0].Id, Guid.Parse(booker.ReferralId), null);
        var (holdStatus, holdOutcome) = await RefusedAsync(() => HoldAsync(booker.Fhir, insideLeadTime));
        var (bookStatus, bookOutcome) = await RefusedAsync(() => BookAsync(booker.Fhir, Reference(insideLeadTime)));

        Assert.Equal(bookable[0].StartUtc, Assert.Single(proposed).Start!.Value.UtcDateTime);
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (holdStatus, bookStatus));
        Assert.Contains("lead time", Assert.Single(holdOutcome.Issue).Details.Text, StringComparison.Ordinal);
        Assert.Contains("lead time", Assert.Single(bookOutcome.Issue).Details.Text, StringComparison.Ordinal);
    }
}

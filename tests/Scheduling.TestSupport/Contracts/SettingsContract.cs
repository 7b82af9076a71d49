using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Confirmation;
using Scheduling.Application.Features.Settings;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Messaging;
using Scheduling.Domain.Settings;
using Scheduling.Infrastructure.Messaging;
using Scheduling.TestSupport.Databases;

namespace Scheduling.TestSupport.Contracts;

/// <summary>
/// The clinic's settings stored in the database: checked by the start-up check's rules, audited in
/// words, in use at once on every instance, over the configuration's first values; changed reminder
/// times re-plan the reminders already waiting.
/// </summary>
public abstract class SettingsContract(DatabaseFixture fixture) : AppContract(fixture)
{
    private static readonly DateTime ProcedureUtc = new(2026, 3, 24, 13, 30, 0, DateTimeKind.Utc);

    protected override bool UsesSmtp => true;

    /// <summary>Settings are one per clinic and the contract's tests share a database: each starts from none saved.</summary>
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await App.WithDbAsync(db => db.StoredSettings.ExecuteDeleteAsync());
    }

    [Fact]
    public async Task ASavedSetting_IsInUseAtOnce_OnAnotherInstanceOfTheSameDatabase_WithoutARestart()
    {
        await using var other = await TestApp.StartAsync(Fixture.Database, TestContext.Current.CancellationToken, Smtp.Settings);
        Assert.Equal("555-0100", Current<ClinicOptions>(other).Phone);

        var saved = await SaveAsync(("Clinic:Phone", "555-0199"), ("Confirmation:GraceHours", "12"));

        Assert.True(saved.IsSuccess, saved.Error?.Message);
        Assert.Equal("555-0199", Current<ClinicOptions>(other).Phone);
        Assert.Equal(12, Current<ConfirmationPolicy>(other).GraceHours);
        Assert.Equal("555-0199", Current<ClinicOptions>(App).Phone);
    }

    [Fact]
    public async Task AValueTheStartupCheckRefuses_IsRefusedNextToItsField_InItsWords_AndNothingIsStored()
    {
        var refused = await SaveAsync(
            ("Confirmation:GraceHours", "999"),
            ("Email:FromAddress", "not an address"),
            ("Appointments:ArrivalLeadMinutes", "two hours"),
            ("Clinic:Phone", "555-0199"));

        Assert.Equal(ErrorKind.Validation, refused.Error?.Kind);
        var errors = refused.Error!.FieldErrors;
        // The rule's own message (the one start-up prints for Confirmation:GraceHours), without the key.
        var startup = Assert.Single(new ConfirmationPolicy { GraceHours = 999 }.Validate());
        Assert.Equal(char.ToUpperInvariant(startup["GraceHours ".Length]) + startup[("GraceHours ".Length + 1)..], Assert.Single(errors["Confirmation:GraceHours"]));
        Assert.StartsWith("Must be an email address", Assert.Single(errors["Email:FromAddress"]), StringComparison.Ordinal);
        Assert.Equal("Enter a whole number.", Assert.Single(errors["Appointments:ArrivalLeadMinutes"]));
        Assert.False(errors.ContainsKey("Clinic:Phone"));
        Assert.Equal(0, await App.WithDbAsync(db => db.StoredSettings.CountAsync()));
        Assert.Equal("555-0100", Current<ClinicOptions>(App).Phone);
    }

    [Fact]
    public async Task ASave_IsAudited_InWords_WithWhoAndWhen_AndTheGroupShowsItsLastChange()
    {
        App.User.SignInAs("user-admin-1", "admin@clinic.test", Roles.Admin);
        Assert.True((await SaveAsync(("Clinic:Phone", "555-0199"), ("Clinic:ShortName", "Harbour IR"))).IsSuccess);

        var line = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "SettingsChanged" && a.Details!.Contains("Harbour IR")));
        Assert.Equal("admin@clinic.test", line.UserName);
        Assert.Equal(Now, line.OccurredAtUtc);
        Assert.Contains("Phone from \"555-0100\" to \"555-0199\"", line.Details, StringComparison.Ordinal);
        Assert.Contains("Short name from (empty) to \"Harbour IR\"", line.Details, StringComparison.Ordinal);

        var page = (await App.SendAsync(new GetClinicSettings.Query())).Value;
        var clinic = page.Groups.Single(g => g.Section == "Clinic");
        Assert.Equal(ClinicTime.ToLocal(Now), clinic.LastChangedAt);
        Assert.NotNull(clinic.LastChangedBy);
        Assert.Null(page.Groups.Single(g => g.Section == "Confirmation").LastChangedBy);
        Assert.Equal("555-0199", clinic.Fields.Single(f => f.Key == "Clinic:Phone").Value);
        Assert.Equal("555-0100", clinic.Fields.Single(f => f.Key == "Clinic:Phone").Default);
    }

    [Fact]
    public async Task OnlyAnAdmin_SeesOrSavesTheSettings()
    {
        App.User.SignInAs("user-scheduler-1", "scheduler@clinic.test", Roles.Scheduler);

        Assert.Equal(ErrorKind.NotFound, (await App.SendAsync(new GetClinicSettings.Query())).Error?.Kind);
        Assert.Equal(ErrorKind.NotFound, (await SaveAsync(("Clinic:Phone", "555-0199"))).Error?.Kind);
        Assert.Equal(0, await App.WithDbAsync(db => db.StoredSettings.CountAsync()));
    }

    [Fact]
    public async Task SettingsNotSavedHere_KeepFollowingConfiguration_AndSavedOnesWinOverIt()
    {
        Assert.True((await SaveAsync(("Clinic:Phone", "555-0199"))).IsSuccess);

        await using var reconfigured = await TestApp.StartAsync(
            Fixture.Database,
            TestContext.Current.CancellationToken,
            new Dictionary<string, string?>(Smtp.Settings) { ["Clinic:Name"] = "Harbour Interventional Radiology", ["Clinic:Phone"] = "555-0111" });

        Assert.Equal("Harbour Interventional Radiology", Current<ClinicOptions>(reconfigured).Name);
        Assert.Equal("555-0199", Current<ClinicOptions>(reconfigured).Phone);
    }

    [Fact]
    public async Task AStoredSetThatNoLongerPassesTheRules_IsNotUsed_TheConfigurationsValuesApply()
    {
        await App.WithDbAsync(async db =>
        {
            db.StoredSettings.Add(StoredSettings.Create("Confirmation", """{"GraceHours":9999}""", "an older version", Now));
            await db.SaveChangesAsync();
        });

        Assert.Equal(ConfirmationPolicy.DefaultGraceHours, Current<ConfirmationPolicy>(App).GraceHours);
    }

    [Fact]
    public async Task ChangedReminderTimes_ReplanTheRemindersAlreadyWaiting_AndLeaveTheOnesSentAlone()
    {
        var booked = await TestData.BookAsync(App.Services, ProcedureUtc);
        var before = await RemindersAsync(booked.BookingId);
        Assert.Equal(["PatientReminder24h", "PatientReminder72h"], before.Select(r => r.Kind).Order(StringComparer.Ordinal));

        var saved = await SaveAsync(("Appointments:ReminderHoursBefore", "48, 24"));

        Assert.True(saved.Value.RemindersReplanned >= 2, $"{saved.Value.RemindersReplanned} reminders re-planned"); // other tests' bookings share the database
        var after = await RemindersAsync(booked.BookingId);
        var dropped = after.Single(r => r.Kind == "PatientReminder72h");
        Assert.Equal(OutboxStatus.Skipped, dropped.Status);
        Assert.Equal(Application.Features.Messaging.ReminderPlan.DroppedReason, dropped.LastError);
        var kept = after.Single(r => r.Kind == "PatientReminder24h");
        Assert.Equal(before.Single(r => r.Kind == "PatientReminder24h").Id, kept.Id);
        Assert.Equal(OutboxStatus.Pending, kept.Status);
        var added = after.Single(r => r.Kind == "PatientReminder48h");
        Assert.Equal(OutboxStatus.Pending, added.Status);
        Assert.Equal(ProcedureUtc.AddHours(-48), added.NextAttemptAtUtc);

        // Due: sent, with the one reminder template, and the patient told how far away the day is.
        App.Clock.SetUtcNow(ProcedureUtc.AddHours(-48));
        Assert.Equal(DispatchOutcome.Sent, await App.WithServiceAsync<OutboxDispatcher, DispatchOutcome>(d => d.DispatchAsync(added.Id, CancellationToken.None)));
        var mail = Assert.Single(await Smtp.WaitForAsync(1), m => m.MessageId == $"{added.Id:N}@tace-scheduling.local");
        Assert.StartsWith("Reminder: your procedure in 2 days", mail.Subject, StringComparison.Ordinal);

        // A booking made after the change gets the new times only.
        var later = await TestData.BookAsync(App.Services, ProcedureUtc.AddDays(7));
        Assert.Equal(["PatientReminder24h", "PatientReminder48h"], (await RemindersAsync(later.BookingId)).Select(r => r.Kind).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TheClinicsNameSenderArrivalAndChecklist_ReachTheNextPatientEmailAndPage()
    {
        Assert.True((await SaveAsync(
            ("Clinic:Name", "Harbour Interventional Radiology"),
            ("Clinic:Phone", "555-0199"),
            ("Email:FromAddress", "appointments@harbour.example"),
            ("Appointments:ArrivalLeadMinutes", "90"),
            ("Appointments:ConfirmationChecklist", "I will bring my medicines.\nSomeone will drive me home."))).IsSuccess);

        var booked = await TestData.BookAsync(App.Services, ProcedureUtc);
        foreach (var id in App.Jobs.DrainOutboxDispatches())
        {
            await App.WithServiceAsync<OutboxDispatcher, DispatchOutcome>(d => d.DispatchAsync(id, CancellationToken.None));
        }

        var mail = Assert.Single(await Smtp.WaitForAsync(2), m => m.To.Mailboxes.Single().Address == booked.PatientEmail);
        var from = mail.From.Mailboxes.Single();
        Assert.Equal("Harbour Interventional Radiology", from.Name); // no sender name set: the clinic's name
        Assert.Equal("appointments@harbour.example", from.Address);
        Assert.Contains("555-0199", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Please arrive at 8:00 AM", mail.TextBody, StringComparison.Ordinal); // 9:30 AM EDT less 90 minutes

        var token = await TestData.IssueLinkAsync(App.Services, booked.BookingId);
        var page = (await App.SendAsync(new ViewPatientAppointment.Query(token))).Value;
        Assert.Equal(["I will bring my medicines.", "Someone will drive me home."], page.ConfirmationChecklist);
        Assert.Equal("8:00 AM", page.ArrivalTime);
        var half = await App.SendAsync(new ConfirmAppointment.Command(token, [true]));
        Assert.Equal(["Ticked[1]"], half.Error!.FieldErrors.Keys);
        Assert.True((await App.SendAsync(new ConfirmAppointment.Command(token, [true, true]))).IsSuccess);
    }

    [Fact]
    public async Task TwoAdminsSavingAtOnce_CannotBothWriteOverTheSameRow()
    {
        Assert.True((await SaveAsync(("Clinic:Phone", "555-0199"))).IsSuccess);

        await using var first = App.Services.CreateAsyncScope();
        await using var second = App.Services.CreateAsyncScope();
        var a = await first.ServiceProvider.GetRequiredService<Infrastructure.Persistence.ApplicationDbContext>().StoredSettings.SingleAsync();
        var secondDb = second.ServiceProvider.GetRequiredService<Infrastructure.Persistence.ApplicationDbContext>();
        var b = await secondDb.StoredSettings.SingleAsync();
        a.Update("""{"Phone":"555-0001"}""", "first", Now);
        b.Update("""{"Phone":"555-0002"}""", "second", Now);
        await first.ServiceProvider.GetRequiredService<Infrastructure.Persistence.ApplicationDbContext>().SaveChangesAsync();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => secondDb.SaveChangesAsync());
    }

    private Task<Result<SaveClinicSettings.Saved>> SaveAsync(params (string Key, string Value)[] values) =>
        App.SendAsync(new SaveClinicSettings.Command(values.ToDictionary(v => v.Key, v => (string?)v.Value)));

    private static T Current<T>(TestApp app)
        where T : class
    {
        using var scope = app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<T>();
    }

    private Task<List<OutboxMessage>> RemindersAsync(Guid bookingId) =>
        App.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.SubjectId == bookingId && m.Kind.StartsWith(MessageKinds.PatientReminder))
            .ToListAsync());
}

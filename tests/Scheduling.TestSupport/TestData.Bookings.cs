using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Features.Bookings;
using Scheduling.Application.Features.Messaging;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;
using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Messaging;
using Scheduling.Domain.Referrals;
using Scheduling.Domain.Rooms;
using Scheduling.Domain.Slots;
using Scheduling.Infrastructure.Identity;
using Scheduling.Infrastructure.Persistence;

namespace Scheduling.TestSupport;

public sealed record BookedAppointment(Guid BookingId, Guid ReferralId, Guid SlotId, Guid RoomId, string DoctorUserId, string PatientEmail);

/// <summary>
/// Referrals, slots and bookings saved through a service provider's own scope: the booking change with
/// its notifications saved in one SaveChanges, as the booking use cases do (post-commit actions after).
/// </summary>
public static partial class TestData
{
    public static async Task<string> AddDoctorAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var user = Doctor();
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    public static async Task<Guid> AddRoomAsync(IServiceProvider services, string? location = "Main Hospital, 2nd floor")
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var room = Room(Now(scope.ServiceProvider), location: location);
        db.Rooms.Add(room);
        await db.SaveChangesAsync();
        return room.Id;
    }

    /// <summary>Books a new eligible referral into a new slot at <paramref name="startUtc"/>.</summary>
    public static async Task<BookedAppointment> BookAsync(
        IServiceProvider services,
        DateTime startUtc,
        string? doctorUserId = null,
        Guid? roomId = null,
        string firstName = "Maria",
        bool premedication = false,
        DateOnly? labsDrawnOn = null,
        bool overnightBedLikely = false,
        bool liverTransplant = false,
        string language = PatientLanguages.English,
        string? mobile = null,
        string? interpreterLanguage = null)
    {
        doctorUserId ??= await AddDoctorAsync(services);
        roomId ??= await AddRoomAsync(services);
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<ApplicationDbContext>();
        var clinicTime = sp.GetRequiredService<ClinicTime>();
        var now = Now(sp);

        var slot = Slot(roomId.Value, clinicTime, startUtc, now);
        db.Slots.Add(slot);

        var today = DateOnly.FromDateTime(now);
        var answers = EligibleAnswers(labsDrawnOn ?? today, today) with
        {
            ContrastReaction = premedication ? ContrastReaction.Moderate : ContrastReaction.None,

            // Criterion 20 (same-day discharge screen) only flags "overnight bed likely".
            PriorEncephalopathy = overnightBedLikely,

            // Criterion 19: listed or assessed for a liver transplant (needs review; approved below).
            LiverTransplant = liverTransplant,
        };
        var patientEmail = $"patient-{Guid.NewGuid():N}@example.test";
        // A mobile number means the patient agreed to texts at it (the referring doctor confirmed it).
        var details = ReferralDetails("Garcia", firstName: firstName) with
        {
            PatientEmail = patientEmail,
            PreferredLanguage = language,
            InterpreterLanguage = interpreterLanguage,
            PatientMobile = mobile,
            TextConsent = mobile is not null,
        };
        var referral = Referral.CreateDraft(doctorUserId, details, now);
        var assessment = EligibilityEvaluator.Evaluate(answers, EligibilityCriteria.Version1);
        referral.Submit(answers, AsInput(answers).ToJson(), assessment, "[]", now, "doctor");
        if (referral.CanBeReviewed)
        {
            // A moderate contrast reaction or a transplant listing needs review: the radiologist clears it.
            referral.Approve("Premedication protocol; transplant centre informed.", now, "radiologist@clinic.test");
        }

        db.Referrals.Add(referral);
        await db.SaveChangesAsync();

        var booking = Booking.Create(referral.Id, slot.Id, "scheduler@clinic.test", null, now);
        db.Bookings.Add(booking);
        slot.Touch();
        referral.MarkScheduled($"Booked for {BookingRules.LocalText(clinicTime, startUtc)}.", now, "scheduler@clinic.test");
        sp.GetRequiredService<IBookingNotifications>().Booked(booking, slot);
        await db.SaveChangesAsync();
        await sp.GetRequiredService<IPostCommitActions>().RunAsync(CancellationToken.None);
        return new BookedAppointment(booking.Id, referral.Id, slot.Id, roomId.Value, doctorUserId, patientEmail);
    }

    /// <summary>Moves the booking to a new slot at <paramref name="newStartUtc"/> (Sequence + 1), as the reschedule use case does.</summary>
    public static async Task RescheduleAsync(IServiceProvider services, BookedAppointment booked, DateTime newStartUtc)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<ApplicationDbContext>();
        var now = Now(sp);
        var slot = Slot(booked.RoomId, sp.GetRequiredService<ClinicTime>(), newStartUtc, now);
        db.Slots.Add(slot);
        var booking = await db.Bookings.SingleAsync(b => b.Id == booked.BookingId);
        var oldSlot = await db.Slots.SingleAsync(s => s.Id == booking.SlotId);
        booking.MoveTo(slot.Id, null, now);
        oldSlot.Touch();
        slot.Touch();
        sp.GetRequiredService<IBookingNotifications>().Rescheduled(booking, slot);
        await db.SaveChangesAsync();
        await sp.GetRequiredService<IPostCommitActions>().RunAsync(CancellationToken.None);
    }

    /// <summary>Issues a link for the booking's current version directly (what the booking email's composer does).</summary>
    public static async Task<string> IssueLinkAsync(IServiceProvider services, Guid bookingId, DateTime? expiresAtUtc = null)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var booking = await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == bookingId);
        var slot = await db.Slots.AsNoTracking().SingleAsync(s => s.Id == booking.SlotId);
        var (token, hash) = PatientLinkTokens.NewToken();
        db.PatientLinkTokens.Add(PatientLinkToken.Create(hash, booking.Id, booking.Sequence, Now(scope.ServiceProvider), expiresAtUtc ?? slot.StartUtc));
        await db.SaveChangesAsync();
        return token;
    }

    private static DateTime Now(IServiceProvider sp) => sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
}

using System.Diagnostics;
using System.Globalization;

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Bookings;
using Scheduling.Application.Features.Messaging;
using Scheduling.Application.Features.Referrals;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Capacity;
using Scheduling.Domain.Common;
using Scheduling.Domain.Courses;
using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Messaging;
using Scheduling.Domain.Patients;
using Scheduling.Domain.Referrals;
using Scheduling.Domain.Rooms;
using Scheduling.Domain.Slots;
using Scheduling.Infrastructure.Identity;
using Scheduling.Infrastructure.Persistence;

namespace Scheduling.Web.Composition;

/// <summary>
/// <c>seed --scale N</c>: a practice under real load in a fresh database, for load tests and
/// benchmarks. At scale 1: 8 rooms with the design's weekday template, two years of history, 200
/// referring doctors and 20,000 referrals (about 70 % of past slots done, the coming weeks filling
/// up, a queue of ready referrals, some waiting for review, declined, withdrawn or still drafts);
/// scale N multiplies rooms, doctors and referrals. Every row comes from the domain's own methods
/// (create, submit, evaluate, book, confirm, complete) at the time it would have happened, written
/// in large batches. Deterministic: a fixed random seed, so the same scale gives the same practice
/// (ids differ: they are version-7 GUIDs made by the domain).
/// Patients come back: each first procedure starts a treatment course of one to four sessions, the
/// next one 6 to 12 weeks after the last, with what followed each session and the scans read
/// against the baseline (<see cref="TellCoursesAsync"/>).
/// Staff accounts <c>seed-scheduler@clinic.test</c>, <c>seed-radiologist@clinic.test</c>,
/// <c>seed-admin@clinic.test</c> and the doctors <c>doctor{n}@practice.test</c> share one password
/// (<c>--password</c>, default <see cref="DefaultPassword"/>): a benchmark database, never a clinic's.
/// </summary>
public sealed partial class PracticeSeeder(
    ApplicationDbContext db,
    DatabaseInitializer initializer,
    IdentitySeeder identitySeeder,
    ClinicTime clinicTime,
    SlotPolicy slotPolicy,
    EligibilityCriteria criteria,
    CoursePolicy coursePolicy,
    ResponseCriteria responseCriteria,
    TransplantCriteria transplantCriteria,
    TimeProvider clock,
    ILogger<PracticeSeeder> logger)
{
    // Who the timeline says booked and reviewed: the seeded accounts' full names and ids (set with the accounts).
    private Actor _scheduler = SchedulerEmail;
    private Actor _radiologist = RadiologistEmail;

    public const string DefaultPassword = "tace-seed-password";
    public const int RoomsPerScale = 8;
    public const int DoctorsPerScale = 200;
    public const int ReferralsPerScale = 20_000;
    public const int HistoryDays = 730;
    public const int ReadyPerScale = 300;
    public const int ReviewPerScale = 100;
    public const string SchedulerEmail = "seed-scheduler@clinic.test";
    public const string RadiologistEmail = "seed-radiologist@clinic.test";
    public const string AdminEmail = "seed-admin@clinic.test";

    private const int BatchSize = 2000;

    private static readonly string[] FirstNames =
        ["Maria", "James", "Linda", "Robert", "Patricia", "Michael", "Barbara", "William", "Elizabeth", "David",
         "Jennifer", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen", "Daniel",
         "Nancy", "Matthew", "Lisa", "Anthony", "Betty", "Mark", "Sandra", "Donald", "Ashley", "Steven"];

    private static readonly string[] LastNames =
        ["Garcia", "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Rodriguez", "Martinez",
         "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
         "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson"];

    /// <param name="Referrals">All referrals made (default <see cref="ReferralsPerScale"/> × scale); the last ready and in-review ones are never booked.</param>
    /// <param name="HistoryDays">Days of history before today (default <see cref="HistoryDays"/>); a small practice for a quick look or a test.</param>
    public sealed record Options(int Scale, string Password, string? PatientLinksFile, int PatientLinks, int? Referrals = null, int? HistoryDays = null);

    public sealed record Summary(int Rooms, int Doctors, int Referrals, int Slots, int Bookings, int Courses, int ClosedCourses, TimeSpan TellingCourses, TimeSpan Elapsed)
    {
        public CapacitySummary? Capacity { get; init; }
    }

    /// <summary>Parses <c>seed --scale N [--password P] [--patient-links FILE] [--patient-link-count N] [--referrals N] [--history-days N]</c>.</summary>
    public static Options ParseArguments(IReadOnlyList<string> args)
    {
        var scale = 1;
        var password = DefaultPassword;
        string? linksFile = null;
        var links = 200;
        int? referrals = null;
        int? historyDays = null;
        for (var i = 1; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--scale" when int.TryParse(value, CultureInfo.InvariantCulture, out var s) && s is > 0 and <= 100:
                    scale = s;
                    i++;
                    break;
                case "--password" when !string.IsNullOrWhiteSpace(value):
                    password = value;
                    i++;
                    break;
                case "--patient-links" when !string.IsNullOrWhiteSpace(value):
                    linksFile = value;
                    i++;
                    break;
                case "--patient-link-count" when int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n >= 0:
                    links = n;
                    i++;
                    break;
                case "--referrals" when int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 10_000_000:
                    referrals = n;
                    i++;
                    break;
                case "--history-days" when int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= HistoryDays:
                    historyDays = n;
                    i++;
                    break;
                case var setting when setting.Contains('=', StringComparison.Ordinal):
                    // A configuration override (--Storage:DataFolder=...), read by the host.
                    break;
                default:
                    throw new Commands.CommandRefusedException(
                        $"Unknown or invalid seed argument '{args[i]}'. Usage: seed --scale N (1-100) [--password P] [--patient-links FILE] [--patient-link-count N] [--referrals N] [--history-days N (1-730)]");
            }
        }

        return new Options(scale, password, linksFile, links, referrals, historyDays);
    }

    public async Task<Summary> SeedAsync(Options options, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        await initializer.MigrateAsync(cancellationToken);
        await identitySeeder.SeedAsync();
        if (await db.Referrals.AnyAsync(cancellationToken) || await db.Rooms.AnyAsync(cancellationToken))
        {
            throw new Commands.CommandRefusedException("seed needs a fresh database: this one already has rooms or referrals (Storage:DataFolder or ConnectionStrings:Scheduling names another).");
        }

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var random = new Random(20_261_201 + options.Scale);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = clinicTime.LocalDate(now);
        var historyDays = options.HistoryDays ?? HistoryDays;
        var historyStart = today.AddDays(-historyDays);

        var doctors = await AddAccountsAsync(options, cancellationToken);
        var rooms = await AddRoomsAsync(options.Scale, now.AddDays(-historyDays - 30), cancellationToken);
        var slots = await AddSlotsAsync(rooms, historyStart, today.AddDays(slotPolicy.HorizonDays), now, cancellationToken);
        var (capacity, capacityMade) = await AddCapacityAsync(
            options.Scale, rooms, _radiologist.UserId!, historyStart, today.AddDays(slotPolicy.HorizonDays), now.AddDays(-historyDays - 30), cancellationToken);

        var total = options.Referrals ?? ReferralsPerScale * options.Scale;
        var made = 0;
        var bookings = 0;
        var pendingLinks = new List<(Guid BookingId, int Sequence, DateTime StartUtc)>();
        var courses = new CoursePlan(new Random(20_261_206 + options.Scale), today);
        var batch = new List<object>(BatchSize);
        var claims = new List<ResourceClaim>();

        async Task FlushAsync()
        {
            db.AddRange(batch);
            db.ResourceClaims.AddRange(claims);
            claims.Clear();
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            batch.Clear();
        }

        // Booked referrals, slot by slot in time order: most past slots were done, the coming weeks fill up.
        foreach (var slot in slots)
        {
            if (made >= total - ((ReadyPerScale + ReviewPerScale) * options.Scale))
            {
                break;
            }

            var slotDate = clinicTime.LocalDate(slot.StartUtc);
            var weeksAhead = (slotDate.DayNumber - today.DayNumber) / 7;
            var fill = slot.StartUtc < now ? 0.72 : weeksAhead < 2 ? 0.72 : weeksAhead < 5 ? 0.45 : 0.12;
            if (slot.StartUtc > now && slotDate <= slotPolicy.EarliestBookableLocalDate(today))
            {
                fill = 0.72;
            }

            if (random.NextDouble() >= fill)
            {
                continue;
            }

            // The case needs a bay, a physician and a nurse as well as the room; without them the slot stays free.
            if (capacity.Plan(slot, string.Empty) is not { } plan)
            {
                capacity.SlotsLeftFree++;
                continue;
            }

            var submittedAt = slot.StartUtc.AddDays(-random.Next(7, 35)).AddHours(-random.Next(0, 8));
            if (submittedAt > now)
            {
                submittedAt = now.AddDays(-random.Next(1, 5));
            }

            // A patient of an earlier session whose next one is due comes back (a new referral, linked by
            // staff to their record); otherwise a new patient.
            var returning = courses.NextDue(slotDate);
            if (returning is not null && submittedAt < returning.LastSessionEndUtc.AddDays(14))
            {
                // The next session's labs and imaging are drawn again after the last session.
                submittedAt = returning.LastSessionEndUtc.AddDays(14);
            }

            var doctor = returning?.Doctor ?? doctors[random.Next(doctors.Count)];
            var createdAt = submittedAt.AddMinutes(-random.Next(5, 240));
            var details = returning?.Details ?? NewDetails(random, doctor);
            var referral = Submitted(random, doctor, details, createdAt, submittedAt, Fate.Eligible);
            if (returning is not null)
            {
                referral.LinkToPatient(returning.PatientId, "Linked to the patient's record: the next session of their treatment course.", createdAt, _scheduler);
            }

            var bookedAt = submittedAt.AddDays(random.Next(1, 4));
            if (bookedAt >= slot.StartUtc || bookedAt > now)
            {
                bookedAt = submittedAt.AddHours(2);
            }

            var booking = Booking.Create(referral.Id, slot.Id, SchedulerEmail, null, bookedAt);
            booking.AssignCapacity(plan, bookedAt);
            referral.MarkScheduled($"Booked for {BookingRules.LocalText(clinicTime, slot.StartUtc)}.", bookedAt, _scheduler);
            if (slot.StartUtc < now)
            {
                booking.Confirm(bookedAt.AddDays(1));
                var outcome = random.NextDouble();
                if (outcome < 0.04)
                {
                    booking.Cancel(referral, "Patient unwell", byPatient: false, "Booking cancelled: Patient unwell", _scheduler, slot.StartUtc.AddDays(-1));
                    referral.Cancel("Patient unwell", slot.StartUtc.AddDays(-1), _scheduler);
                    courses.Postponed(returning, slotDate);
                }
                else if (outcome < 0.07)
                {
                    booking.MarkNoShow(referral, slot.StartUtc, "The patient did not come; back in the scheduling queue.", _scheduler, slot.EndUtc);
                    referral.Withdraw("Patient chose another treatment.", slot.EndUtc.AddDays(3), _scheduler);
                    if (returning is not null)
                    {
                        returning.GoesOn = false;
                    }
                }
                else
                {
                    if (returning is null)
                    {
                        // The first procedure opens the patient's record; the session starts their course when saved.
                        var patient = Patient.OpenFrom(referral, slot.EndUtc);
                        batch.Add(patient);
                        referral.LinkToPatient(patient.Id, "A new patient record was opened at the first procedure (no earlier record had been linked).", slot.EndUtc, _scheduler);
                        returning = courses.Start(patient.Id, doctor, details);
                    }

                    booking.MarkCompleted(referral, slot.StartUtc, "Procedure done.", _scheduler, slot.EndUtc);
                    courses.SessionDone(returning, slotDate, slot.EndUtc);
                }
            }
            else if (MarkNextBooked(returning) && random.NextDouble() < 0.5)
            {
                booking.Confirm(bookedAt.AddHours(random.Next(1, 30)) is var at && at < now ? at : now);
            }
            else
            {
                pendingLinks.Add((booking.Id, booking.Sequence, slot.StartUtc));
            }

            batch.Add(referral);
            batch.Add(booking);
            if (booking.HoldsClaims)
            {
                claims.AddRange(capacity.Hold(booking.Id, slot, plan));
            }

            made++;
            bookings++;
            if (batch.Count >= BatchSize)
            {
                await FlushAsync();
            }
        }

        // The rest: waiting to be booked, waiting for review, and the referrals that went nowhere.
        var ready = ReadyPerScale * options.Scale;
        var review = ReviewPerScale * options.Scale;
        while (made < total)
        {
            var left = total - made;
            var fate = left <= ready ? Fate.Eligible
                : left <= ready + review ? Fate.Review
                : random.NextDouble() switch
                {
                    < 0.45 => Fate.Declined,
                    < 0.75 => Fate.Ineligible,
                    < 0.90 => Fate.Withdrawn,
                    _ => Fate.Draft,
                };
            var submittedAt = fate is Fate.Eligible or Fate.Review
                ? now.AddDays(-random.Next(0, 30)).AddHours(-random.Next(1, 12))
                : now.AddDays(-random.Next(1, historyDays)).AddHours(-random.Next(1, 12));
            batch.Add(NewReferral(random, doctors, submittedAt, fate));
            made++;
            if (batch.Count >= BatchSize)
            {
                await FlushAsync();
            }
        }

        await FlushAsync();
        var toldFrom = Stopwatch.GetTimestamp();
        var (courseCount, closedCourses) = await TellCoursesAsync(courses, today, now, cancellationToken);
        var told = Stopwatch.GetElapsedTime(toldFrom);
        await WritePatientLinksAsync(options, pendingLinks, now, cancellationToken);

        var summary = new Summary(rooms.Count, doctors.Count, made, slots.Count, bookings, courseCount, closedCourses, told, Stopwatch.GetElapsedTime(started))
        {
            Capacity = capacityMade with { Claims = capacity.Claims, SlotsLeftFree = capacity.SlotsLeftFree },
        };
        LogSeeded(logger, options.Scale, summary.Rooms, summary.Doctors, summary.Referrals, summary.Slots, summary.Bookings, summary.Courses, summary.ClosedCourses, summary.Elapsed.TotalSeconds);
        return summary;
    }

    private enum Fate
    {
        Eligible,
        Review,
        Declined,
        Ineligible,
        Withdrawn,
        Draft,
    }

    private Referral NewReferral(Random random, IReadOnlyList<ApplicationUser> doctors, DateTime submittedAt, Fate fate)
    {
        var doctor = doctors[random.Next(doctors.Count)];
        var createdAt = submittedAt.AddMinutes(-random.Next(5, 240));
        return Submitted(random, doctor, NewDetails(random, doctor), createdAt, submittedAt, fate);
    }

    private static ReferralDetails NewDetails(Random random, ApplicationUser doctor)
    {
        var first = FirstNames[random.Next(FirstNames.Length)];
        var last = LastNames[random.Next(LastNames.Length)];
        return new ReferralDetails(
            first,
            last,
            new DateOnly(1940 + random.Next(0, 45), 1 + random.Next(0, 12), 1 + random.Next(0, 28)),
            random.Next(2) == 0 ? PatientSex.Female : PatientSex.Male,
            $"555-{random.Next(1000, 9999)}",
            $"{first.ToLowerInvariant()}.{last.ToLowerInvariant()}.{random.Next(100_000, 999_999)}@patient.test",
            // About one patient in eight reads Spanish, and one in fifty needs an interpreter: from the
            // name's letters, so the random sequence (and every other seeded value) is unchanged.
            (first.Length + last.Length) % 8 == 0 ? PatientLanguages.Spanish : (first.Length * last.Length) % 50 == 7 ? PatientLanguages.Other : PatientLanguages.English,
            $"MRN-{random.Next(1_000_000, 9_999_999)}",
            doctor.PracticeName ?? "Practice",
            doctor.PracticePhone ?? "555-0100",
            "Hepatocellular carcinoma",
            "C22.0",
            random.NextDouble() < 0.1 ? Urgency.Urgent : Urgency.Routine,
            null);
    }

    /// <summary>The referral as its doctor made it and, unless a draft, submitted and assessed; declined or withdrawn later when that is its fate.</summary>
    private Referral Submitted(Random random, ApplicationUser doctor, ReferralDetails details, DateTime createdAt, DateTime submittedAt, Fate fate)
    {
        var referral = Referral.CreateDraft(doctor.Id, details, createdAt);
        if (fate == Fate.Draft)
        {
            return referral;
        }

        var tested = clinicTime.LocalDate(submittedAt).AddDays(-random.Next(1, 10));
        var input = Questionnaire(fate, tested);
        var answers = input.ToAnswers();
        var assessment = EligibilityEvaluator.Evaluate(answers, criteria);
        var doctorName = new Actor(doctor.FullName, doctor.Id);
        referral.Submit(answers, input.ToJson(), assessment, FindingView.ToJson(assessment.Findings), submittedAt, doctorName);
        var expected = fate switch
        {
            Fate.Eligible or Fate.Withdrawn => ReferralStatus.ReadyToSchedule,
            _ => ReferralStatus.AwaitingReview,
        };
        if (referral.Status != expected)
        {
            throw new InvalidOperationException($"Seed answers for {fate} gave {referral.Status}; the seeder is out of date with the criteria.");
        }

        var later = submittedAt.AddDays(random.Next(1, 5));
        switch (fate)
        {
            case Fate.Declined or Fate.Ineligible:
                referral.Decline("Not a TACE candidate at present.", later, _radiologist);
                break;
            case Fate.Withdrawn:
                referral.Withdraw("Patient chose another treatment.", later, doctorName);
                break;
        }

        return referral;
    }

    private static QuestionnaireInput Questionnaire(Fate fate, DateOnly tested) => new()
    {
        Diagnosis = PrimaryDiagnosis.Hcc,
        BclcStage = BclcStage.B,
        CurativeTreatmentNotPossible = false,
        Ecog = fate is Fate.Review or Fate.Declined ? 1 : 0,
        BilirubinMgDl = fate is Fate.Review or Fate.Declined ? 2.4m : 1.0m,
        AlbuminGdL = 3.8m,
        Inr = 1.1m,
        Ascites = Ascites.None,
        Encephalopathy = Encephalopathy.None,
        Platelets = 150m,
        CreatinineMgDl = 0.9m,
        Egfr = 80m,
        OnDialysis = false,
        PortalVein = fate is Fate.Ineligible ? PortalVeinStatus.MainThrombusOrHepatofugal : PortalVeinStatus.Patent,
        ExtrahepaticDisease = false,
        TumourBurdenPercent = 30m,
        LargestLesionCm = 6m,
        BiliaryObstruction = false,
        BilioEntericAnastomosis = false,
        BiliaryStent = false,
        Sphincterotomy = false,
        HighRiskVaricesOrSevereCardiopulmonaryDisease = false,
        ContrastReaction = ContrastReaction.None,
        Pregnancy = Pregnancy.No,
        ActiveInfection = false,
        TakesAnticoagulant = false,
        LiverTransplant = false,
        PriorEncephalopathy = false,
        LabsDrawnOn = tested,
        ImagingDoneOn = tested,
    };

    private async Task<List<ApplicationUser>> AddAccountsAsync(Options options, CancellationToken cancellationToken)
    {
        // One hash for every seeded account: hashing 200 passwords one by one would take most of the budget.
        var hasher = new PasswordHasher<ApplicationUser>();
        var roles = await db.Roles.AsNoTracking().ToDictionaryAsync(r => r.Name!, r => r.Id, cancellationToken);
        var hash = hasher.HashPassword(new ApplicationUser(), options.Password);

        ApplicationUser Account(string email, string name, string? practice) => new()
        {
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            EmailConfirmed = true,
            FullName = name,
            PracticeName = practice,
            PracticePhone = practice is null ? null : "555-0100",
            LockoutEnabled = true,
            PasswordHash = hash,
            SecurityStamp = Guid.NewGuid().ToString("N"),
        };

        var staff = new[]
        {
            (Account(SchedulerEmail, "Seed Scheduler", null), Roles.Scheduler),
            (Account(RadiologistEmail, "Dr. Seed Radiologist", null), Roles.Radiologist),
            (Account(AdminEmail, "Seed Admin", null), Roles.Admin),
        };
        var doctors = Enumerable.Range(1, DoctorsPerScale * options.Scale)
            .Select(n => Account($"doctor{n}@practice.test", $"Dr. Referrer {n}", $"Practice {((n - 1) / 4) + 1}"))
            .ToList();
        _scheduler = new Actor(staff[0].Item1.FullName, staff[0].Item1.Id);
        _radiologist = new Actor(staff[1].Item1.FullName, staff[1].Item1.Id);
        foreach (var (user, role) in staff)
        {
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roles[role] });
        }

        foreach (var doctor in doctors)
        {
            db.Users.Add(doctor);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = doctor.Id, RoleId = roles[Roles.ReferringPhysician] });
        }

        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return doctors;
    }

    private async Task<List<RoomSchedule>> AddRoomsAsync(int scale, DateTime createdAt, CancellationToken cancellationToken)
    {
        var schedules = new List<RoomSchedule>();
        for (var i = 1; i <= RoomsPerScale * scale; i++)
        {
            var room = Room.Create($"IR Suite {i}", $"Interventional Radiology, floor {((i - 1) / 4) + 1}", createdAt);
            db.Rooms.Add(room);
            var templates = new List<DayTemplate>();
            foreach (var weekday in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
            {
                var template = new DayTemplate(weekday, new TimeOnly(7, 30), SlotPolicy.DefaultTurnoverMinutesValue, SlotPolicy.DefaultRecoveryValue, new TimeOnly(19, 0));
                db.RoomDayTemplates.Add(RoomDayTemplate.Create(room.Id, template, createdAt));
                templates.Add(template);
            }

            schedules.Add(new RoomSchedule(room.Id, true, templates));
        }

        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return schedules;
    }

    /// <summary>The slots the nightly materializer would have made from the templates over the whole period.</summary>
    private async Task<List<Slot>> AddSlotsAsync(List<RoomSchedule> rooms, DateOnly from, DateOnly to, DateTime now, CancellationToken cancellationToken)
    {
        // Rooms in the order they were made, not by id: ids are new each run, and rooms differ (maintenance mornings).
        var order = rooms.Select((r, i) => (r.RoomId, i)).ToDictionary(r => r.RoomId, r => r.i);
        var slots = SlotGenerator.Generate(rooms, [], from, to, clinicTime)
            .Select(c => Slot.Create(c, c.StartUtc < now ? c.StartUtc.AddDays(-SlotPolicy.MaxHorizonDays / 3) : now))
            .OrderBy(s => s.StartUtc)
            .ThenBy(s => order[s.RoomId])
            .ToList();
        foreach (var chunk in slots.Chunk(BatchSize * 2))
        {
            db.Slots.AddRange(chunk);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        return slots;
    }

    private async Task WritePatientLinksAsync(
        Options options, List<(Guid BookingId, int Sequence, DateTime StartUtc)> pending, DateTime now, CancellationToken cancellationToken)
    {
        if (options.PatientLinksFile is null || options.PatientLinks == 0)
        {
            return;
        }

        var lines = new List<string>();
        foreach (var (bookingId, sequence, startUtc) in pending.Take(options.PatientLinks))
        {
            var (token, hash) = PatientLinkTokens.NewToken();
            db.PatientLinkTokens.Add(PatientLinkToken.Create(hash, bookingId, sequence, now, startUtc));
            lines.Add($"/p/{token}");
        }

        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        await File.WriteAllLinesAsync(options.PatientLinksFile, lines, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Seeded scale {Scale}: {Rooms} rooms, {Doctors} doctors, {Referrals} referrals, {Slots} slots, {Bookings} bookings, {Courses} treatment courses ({Closed} closed) in {Seconds:0.0} s")]
    private static partial void LogSeeded(ILogger logger, int scale, int rooms, int doctors, int referrals, int slots, int bookings, int courses, int closed, double seconds);
}

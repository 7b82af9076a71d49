using Microsoft.EntityFrameworkCore;

using Scheduling.Domain.Common;
using Scheduling.Domain.Courses;
using Scheduling.Domain.Messaging;
using Scheduling.Domain.Referrals;
using Scheduling.Infrastructure.Identity;

namespace Scheduling.Web.Composition;

/// <summary>
/// The seeded practice's treatment courses. While the slots are filled, each first procedure opens
/// the patient's record and decides the course's story (how many sessions, how the tumour answers);
/// the patient comes back for the next session 6 to 12 weeks later. Once every booking is saved (the
/// product itself made each completed booking a session), each course is told through the domain's
/// own methods, at the time each thing happened: the discharge, adverse events, the day-1 and day-7
/// calls, the baseline and every follow-up scan read and scored by mRECIST (never overridden), the
/// transplant listing, and the course's end. What is still to come on the seeding day stays open, so
/// the worklists have rows: calls and scans due or overdue, scans received and not yet read,
/// courses flagged for the tumour board.
/// </summary>
public sealed partial class PracticeSeeder
{
    private const int CourseChunk = 400;

    private static readonly TimeSpan ReadAfterScan = TimeSpan.FromDays(2);

    /// <summary>How a course's tumour answers, and so how it ends.</summary>
    private enum Story
    {
        /// <summary>Partial, then complete response: the course ends in complete response.</summary>
        Responder,

        /// <summary>Stable after each session: flagged for the tumour board after two.</summary>
        Refractory,

        /// <summary>A partial response, then stable twice (the "done when" course): flagged.</summary>
        ResponseThenRefractory,

        /// <summary>Stable, then progressive disease: the course stops for systemic therapy.</summary>
        Progression,

        /// <summary>Within Milan, listed for a transplant; TACE holds the tumour until the liver comes.</summary>
        Bridge,
    }

    /// <summary>One patient's course as planned at the first procedure, and where it has got to.</summary>
    private sealed class PlannedCourse(int index, Guid patientId, ApplicationUser doctor, ReferralDetails details, Story story, int sessions)
    {
        public int Index { get; } = index;

        public Guid PatientId { get; } = patientId;

        public ApplicationUser Doctor { get; } = doctor;

        public ReferralDetails Details { get; } = details;

        public Story Story { get; } = story;

        public int PlannedSessions { get; } = sessions;

        public int SessionsDone { get; set; }

        public DateTime LastSessionEndUtc { get; set; }

        /// <summary>The next session is waiting for a slot or booked: the course goes on.</summary>
        public bool GoesOn { get; set; }

        public bool AllDone => SessionsDone >= PlannedSessions;
    }

    /// <summary>The courses being seeded, and the patients waiting for their next session (earliest due first).</summary>
    private sealed class CoursePlan(Random random, DateOnly today)
    {
        private readonly PriorityQueue<PlannedCourse, (int Day, int Index)> _waiting = new();

        public List<PlannedCourse> All { get; } = [];

        public DateOnly Today { get; } = today;

        /// <summary>A patient whose next session is due by <paramref name="slotDate"/>, taken off the waiting list.</summary>
        public PlannedCourse? NextDue(DateOnly slotDate) =>
            _waiting.TryPeek(out _, out var due) && due.Day <= slotDate.DayNumber ? _waiting.Dequeue() : null;

        public PlannedCourse Start(Guid patientId, ApplicationUser doctor, ReferralDetails details)
        {
            var story = random.NextDouble() switch
            {
                < 0.30 => Story.Responder,
                < 0.50 => Story.Refractory,
                < 0.65 => Story.ResponseThenRefractory,
                < 0.85 => Story.Progression,
                _ => Story.Bridge,
            };
            var sessions = story switch
            {
                Story.Responder => 1 + random.Next(3),
                Story.Refractory => 2 + random.Next(2),
                Story.ResponseThenRefractory => 3,
                Story.Progression => 2,
                _ => 2 + random.Next(3),
            };
            var course = new PlannedCourse(All.Count, patientId, doctor, details, story, sessions);
            All.Add(course);
            return course;
        }

        public void SessionDone(PlannedCourse course, DateOnly on, DateTime endUtc)
        {
            course.SessionsDone++;
            course.LastSessionEndUtc = endUtc;
            course.GoesOn = false;
            if (!course.AllDone)
            {
                Wait(course, on.AddDays(random.Next(42, 85)));
            }
        }

        /// <summary>The session was cancelled (the patient unwell): booked again about two weeks later.</summary>
        public void Postponed(PlannedCourse? course, DateOnly on)
        {
            if (course is not null)
            {
                Wait(course, on.AddDays(random.Next(10, 21)));
            }
        }

        private void Wait(PlannedCourse course, DateOnly due)
        {
            course.GoesOn = true;
            _waiting.Enqueue(course, (due.DayNumber, course.Index));
        }
    }

    /// <summary>A returning patient's next session was booked for a coming day.</summary>
    private static bool MarkNextBooked(PlannedCourse? course)
    {
        if (course is not null)
        {
            course.GoesOn = true;
        }

        return true;
    }

    /// <summary>Every seeded course told, in chunks; the doctors' past follow-up emails marked as sent at the time. Returns the courses and how many are closed.</summary>
    private async Task<(int Courses, int Closed)> TellCoursesAsync(CoursePlan plan, DateOnly today, DateTime now, CancellationToken cancellationToken)
    {
        var byPatient = plan.All.ToDictionary(c => c.PatientId);
        var ids = await db.TreatmentCourses.AsNoTracking().Select(c => new { c.Id, c.PatientId }).ToListAsync(cancellationToken);
        var ordered = ids.Where(c => byPatient.ContainsKey(c.PatientId)).OrderBy(c => byPatient[c.PatientId].Index).Select(c => c.Id).ToList();
        var closed = 0;
        foreach (var chunk in ordered.Chunk(CourseChunk))
        {
            var courses = await db.TreatmentCourses
                .Include(c => c.Sessions).ThenInclude(s => s.AdverseEvents)
                .Include(c => c.Sessions).ThenInclude(s => s.Calls)
                .Include(c => c.Assessments)
                .AsSplitQuery()
                .Where(c => chunk.Contains(c.Id))
                .ToListAsync(cancellationToken);
            foreach (var course in courses.OrderBy(c => byPatient[c.PatientId].Index))
            {
                var planned = byPatient[course.PatientId];
                Tell(course, planned, new Random(20_261_207 + planned.Index), today, now);
                closed += course.IsActive ? 0 : 1;
            }

            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        // The follow-up emails of the past went out on their day (the outbox would otherwise send two years of them at the first start).
        var sentBy = clock.GetUtcNow().UtcDateTime;
        var pastDue = await db.OutboxMessages
            .Where(m => m.Status == OutboxStatus.Pending && (m.Kind == MessageKinds.DoctorFollowUpDue || m.Kind == MessageKinds.DoctorFollowUpOverdue) && m.DueAtUtc <= sentBy)
            .Select(m => m.Id)
            .ToListAsync(cancellationToken);
        foreach (var chunk in pastDue.Chunk(BatchSize * 2))
        {
            foreach (var message in await db.OutboxMessages.Where(m => chunk.Contains(m.Id)).ToListAsync(cancellationToken))
            {
                message.MarkSent("seeded-history", message.DueAtUtc);
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        return (ordered.Count, closed);
    }

    private void Tell(TreatmentCourse course, PlannedCourse planned, Random random, DateOnly today, DateTime now)
    {
        DateTime NotLater(DateTime at) => at < now ? at : now;
        DateTime Afternoon(DateOnly day) => NotLater(clinicTime.ToUtc(day, new TimeOnly(15, 0)));

        var sessions = course.Sessions.OrderBy(s => s.Number).ToList();
        var first = sessions[0];

        // The baseline: the scan before session 1 that chose the targets (within Milan for a bridge).
        var baselineOn = first.PerformedOn.AddDays(-random.Next(7, 22));
        IReadOnlyList<int> targets = planned.Story == Story.Bridge
            ? [random.Next(22, 46)]
            : random.Next(3) == 0 ? [random.Next(30, 81)] : [random.Next(30, 61), random.Next(15, 41)];
        var segments = Enumerable.Range(1, 8).OrderBy(_ => random.Next()).Take(targets.Count).ToList();
        var nonTarget = random.NextDouble() < 0.3 ? NonTargetStatus.Persisting : NonTargetStatus.None;
        var modality = random.NextDouble() < 0.7 ? ImagingModality.Ct : ImagingModality.Mri;
        course.RecordBaseline(
            new ScanFindings(baselineOn, modality, targets, segments, false, nonTarget, [], false, false, null),
            responseCriteria, transplantCriteria, today, Afternoon(baselineOn), _radiologist);
        if (planned.Story == Story.Bridge)
        {
            var listedOn = baselineOn.AddDays(random.Next(14, 40));
            if (listedOn < today)
            {
                course.SetTransplantListing(TransplantListingStatus.Listed, listedOn, today, Afternoon(listedOn), _scheduler);
            }
        }

        for (var i = 0; i < sessions.Count; i++)
        {
            var session = sessions[i];
            var next = i + 1 < sessions.Count ? sessions[i + 1] : null;
            AfterTheSession(course, session, random, today, now);

            // The follow-up scan about four weeks later, read two days after it unless it is too recent.
            var scanOn = session.PerformedOn.AddDays(random.Next(24, 36));
            if (next is not null && scanOn >= next.PerformedOn)
            {
                scanOn = next.PerformedOn.AddDays(-3);
            }

            if (scanOn >= today)
            {
                continue;
            }

            var isLast = next is null;
            if (isLast && (today.DayNumber - scanOn.DayNumber) < 10 && random.NextDouble() < 0.5)
            {
                // Received; the radiologist has not read it yet.
                course.RecordFollowUpScan(session.Number, scanOn, modality, today, Afternoon(scanOn), _scheduler);
                continue;
            }

            if (isLast && (today.DayNumber - session.PerformedOn.DayNumber) < 90 && random.NextDouble() < 0.15)
            {
                // Not done yet: overdue on the worklist.
                continue;
            }

            var findings = FollowUp(planned, session.Number, targets, nonTarget, scanOn, modality, random);
            var readAt = scanOn.AddDays(2) < today ? Afternoon(scanOn.AddDays(2)) : now;
            course.RecordResponse(session.Number, findings, null, null, responseCriteria, transplantCriteria, coursePolicy, today, readAt, _radiologist);
        }

        End(course, planned, random, today, now);
    }

    /// <summary>The discharge, sometimes an adverse event, and the calls whose day has come.</summary>
    private void AfterTheSession(TreatmentCourse course, CourseSession session, Random random, DateOnly today, DateTime now)
    {
        if (session.PerformedOn >= today)
        {
            return;
        }

        var stay = random.NextDouble();
        var (kind, reason, hours) = stay switch
        {
            < 0.78 => (DischargeKind.SameDay, (string?)null, 3 + random.Next(0, 6)),
            < 0.94 => (DischargeKind.PlannedOvernight, "Pain control and antiemetics overnight.", 18 + random.Next(0, 8)),
            _ => (DischargeKind.UnplannedAdmission, "Post-embolization syndrome: fever, pain and nausea.", 30 + random.Next(0, 72)),
        };
        course.RecordDischarge(session.Number, kind, reason, hours, NotAfter(session.PerformedAtUtc.AddHours(hours), now), _scheduler);

        var harm = random.NextDouble();
        if (harm < 0.30)
        {
            var (term, grade, serious) = harm switch
            {
                < 0.22 => ("Post-embolization syndrome", 1 + random.Next(2), false),
                < 0.26 => ("Abdominal pain", 2, false),
                < 0.29 => ("Aspartate aminotransferase increased", 3, false),
                _ => ("Hepatic infection", 3, true),
            };
            var onset = session.PerformedOn.AddDays(random.Next(0, 3));
            if (onset <= today)
            {
                course.AddAdverseEvent(session.Number, term, grade, onset, grade >= 3 ? Attribution.Probable : Attribution.Definite, serious, today,
                    NotAfter(clinicTime.ToUtc(onset, new TimeOnly(16, 0)), now), _scheduler);
            }
        }

        foreach (var call in session.Calls.OrderBy(c => c.Day).Where(c => c.DueOn < today))
        {
            // Now and then the first try finds nobody; the nurse reaches the patient later that day.
            var at = NotAfter(clinicTime.ToUtc(call.DueOn, new TimeOnly(10, random.Next(0, 60))), now);
            var firstTry = random.NextDouble();
            if (firstTry < 0.16)
            {
                course.LogCall(session.Number, call.Day, firstTry < 0.10 ? CallOutcome.NoAnswer : CallOutcome.LeftMessage, at, _scheduler);
                at = NotAfter(at.AddHours(5), now);
            }

            course.LogCall(session.Number, call.Day, CallOutcome.Reached, at, _scheduler);
        }
    }

    /// <summary>The follow-up reading after session <paramref name="number"/>, as the story has the tumour answer (mRECIST scores it).</summary>
    private static ScanFindings FollowUp(PlannedCourse planned, int number, IReadOnlyList<int> baseline, NonTargetStatus nonTarget, DateOnly scanOn, ImagingModality modality, Random random)
    {
        var last = number >= planned.PlannedSessions;
        var share = planned.Story switch
        {
            Story.Responder => last ? 0.0 : number == 1 ? 0.55 : 0.35,
            Story.Refractory => 0.88 + (number * 0.03),
            Story.ResponseThenRefractory => number == 1 ? 0.66 : 0.73,
            Story.Progression => number == 1 ? 0.85 : 1.15,
            _ => number == 1 ? 0.62 : 0.55 - (number * 0.05),
        };
        var jitter = share == 0 ? 0 : (random.NextDouble() - 0.5) * 0.04;
        var targets = baseline.Select(mm => Math.Max(0, (int)Math.Round(mm * (share + jitter)))).ToList();
        var complete = targets.All(mm => mm == 0);
        var newLesion = planned.Story == Story.Progression && number > 1 && random.Next(3) == 0;
        var status = complete && nonTarget == NonTargetStatus.Persisting ? NonTargetStatus.Disappeared : nonTarget;
        return new ScanFindings(scanOn, modality, targets, null, newLesion, status, [], false, false, null);
    }

    /// <summary>How the course ends once its story is told; a course that goes on, or whose last scan is not read, stays active.</summary>
    private void End(TreatmentCourse course, PlannedCourse planned, Random random, DateOnly today, DateTime now)
    {
        var lastResponse = course.ResponseTo(course.LastSession!.Number)?.Category;
        if (planned.GoesOn || lastResponse is null)
        {
            return;
        }

        var at = NotAfter(course.Assessments.Max(a => a.AssessedAtUtc).AddDays(random.Next(3, 15)), now);
        if (lastResponse == ResponseCategory.CompleteResponse)
        {
            course.ChangeState(CourseState.CompleteResponse, null, at, _radiologist);
        }
        else if (lastResponse == ResponseCategory.ProgressiveDisease)
        {
            course.ChangeState(CourseState.MovedToSystemicTherapy, "Progressive disease after TACE; tumour board: systemic therapy.", at, _radiologist);
        }
        else if (planned.Story == Story.Bridge && planned.AllDone && course.IsListedForTransplant && today.DayNumber - clinicTime.LocalDate(at).DayNumber > 60)
        {
            course.SetTransplantListing(TransplantListingStatus.Transplanted, course.ListedOn, today, at, _scheduler);
            course.ChangeState(CourseState.BridgedToTransplant, null, at, _radiologist);
        }
        else if (course.Refractoriness(coursePolicy).Raised)
        {
            // Some are still waiting for the tumour board; the others were decided.
            switch (random.Next(3))
            {
                case 0:
                    break;
                case 1:
                    course.ChangeState(CourseState.MovedToSystemicTherapy, "Tumour board: two sessions without an objective response; atezolizumab and bevacizumab.", at, _radiologist);
                    break;
                default:
                    course.ChangeState(CourseState.Refractory, "Tumour board: refractory to TACE.", at, _radiologist);
                    break;
            }
        }
        else if (planned.AllDone && planned.Story != Story.Bridge && random.Next(2) == 0)
        {
            course.ChangeState(CourseState.Stopped, "Liver function declined (Child-Pugh B8): no further TACE.", at, _radiologist);
        }
    }

    private static DateTime NotAfter(DateTime at, DateTime now) => at < now ? at : now;
}

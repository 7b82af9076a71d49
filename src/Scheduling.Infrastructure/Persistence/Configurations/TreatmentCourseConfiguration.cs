using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Scheduling.Domain.Bookings;
using Scheduling.Domain.Courses;
using Scheduling.Domain.Patients;
using Scheduling.Domain.Referrals;

namespace Scheduling.Infrastructure.Persistence.Configurations;

/// <summary>
/// The course aggregate's tables. Built with the provider in hand, as <see cref="BookingConfiguration"/>
/// is, because "one active course per patient" is a filtered unique index whose filter is SQL text.
/// </summary>
internal sealed class TreatmentCourseConfiguration(bool sqlServer)
{
    public void Configure(EntityTypeBuilder<TreatmentCourse> builder)
    {
        builder.ToTable("TreatmentCourses");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasOne<Patient>().WithMany().HasForeignKey(c => c.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.DoctorUserId).HasMaxLength(450).IsRequired();
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(24);
        builder.Property(c => c.StateReason).HasMaxLength(TreatmentCourse.ReasonMaxLength);
        builder.Property(c => c.TransplantStatus).HasConversion<string>().HasMaxLength(24);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Ignore(c => c.IsActive);
        builder.Ignore(c => c.IsListedForTransplant);
        builder.Ignore(c => c.Baseline);
        builder.Ignore(c => c.LastSession);
        builder.Ignore(c => c.LatestReading);
        builder.Ignore(c => c.Downstaged);
        builder.Ignore(c => c.CanPlanNextSession);

        builder.HasMany(c => c.Sessions).WithOne().HasForeignKey(s => s.CourseId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Sessions).HasField("_sessions").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(c => c.Assessments).WithOne().HasForeignKey(a => a.CourseId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Assessments).HasField("_assessments").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(c => c.Events).WithOne().HasForeignKey(e => e.CourseId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Events).HasField("_events").UsePropertyAccessMode(PropertyAccessMode.Field);

        // At most one active course per patient: a completed booking joins it or starts one, never two.
        var state = sqlServer ? "[State]" : "\"State\"";
        builder.HasIndex(c => c.PatientId).IsUnique().HasFilter($"{state} = '{nameof(CourseState.Active)}'").HasDatabaseName("UX_TreatmentCourses_ActivePatient");
        builder.HasIndex(c => new { c.PatientId, c.StartedAtUtc });

        // Lists of courses, latest session first; a doctor's own; the tumour-board list by the stored runs.
        builder.HasIndex(c => new { c.State, c.LastSessionOn });
        builder.HasIndex(c => new { c.DoctorUserId, c.LastSessionOn });
        builder.HasIndex(c => new { c.State, c.SessionsWithoutResponse });
        builder.HasIndex(c => new { c.State, c.SessionsWithProgression });
    }
}

internal sealed class CourseEventConfiguration : IEntityTypeConfiguration<CourseEvent>
{
    public void Configure(EntityTypeBuilder<CourseEvent> builder)
    {
        builder.ToTable("CourseEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Kind).HasMaxLength(ReferralEvent.KindMaxLength).IsRequired();
        builder.Property(e => e.Text).HasMaxLength(ReferralEvent.TextMaxLength).IsRequired();
        builder.Property(e => e.Actor).HasMaxLength(ReferralEvent.ActorMaxLength);
        builder.Property(e => e.ActorUserId).HasMaxLength(ReferralEvent.ActorUserIdMaxLength);
        builder.HasIndex(e => new { e.CourseId, e.AtUtc });
    }
}

internal sealed class CourseSessionConfiguration : IEntityTypeConfiguration<CourseSession>
{
    public void Configure(EntityTypeBuilder<CourseSession> builder)
    {
        builder.ToTable("CourseSessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasOne<Booking>().WithMany().HasForeignKey(s => s.BookingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Referral>().WithMany().HasForeignKey(s => s.ReferralId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(s => s.DoctorUserId).HasMaxLength(450).IsRequired();
        builder.Property(s => s.DischargeKind).HasConversion<string>().HasMaxLength(24);
        builder.Property(s => s.DischargeReason).HasMaxLength(CourseSession.ReasonMaxLength);
        builder.Property(s => s.HoursToDischarge).HasPrecision(6, 1);
        builder.Property(s => s.ScanModality).HasConversion<string>().HasMaxLength(8);
        builder.Property(s => s.FollowUpWaivedReason).HasMaxLength(CourseSession.ReasonMaxLength);

        builder.HasMany(s => s.AdverseEvents).WithOne().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.AdverseEvents).HasField("_adverseEvents").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(s => s.Calls).WithOne().HasForeignKey(c => c.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Calls).HasField("_calls").UsePropertyAccessMode(PropertyAccessMode.Field);

        // One session per completed booking, numbered once within its course.
        builder.HasIndex(s => s.BookingId).IsUnique();
        builder.HasIndex(s => new { s.CourseId, s.Number }).IsUnique();
        builder.HasIndex(s => s.ReferralId);

        // The follow-up worklist: scans not done by window end, and the scans received but not read.
        builder.HasIndex(s => new { s.ScanDoneOn, s.FollowUpWindowEnd });
        builder.HasIndex(s => new { s.AssessedAtUtc, s.ScanDoneOn });
        builder.HasIndex(s => s.DoctorUserId);
    }
}

internal sealed class AdverseEventConfiguration : IEntityTypeConfiguration<AdverseEvent>
{
    public void Configure(EntityTypeBuilder<AdverseEvent> builder)
    {
        builder.ToTable("AdverseEvents");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Term).HasMaxLength(AdverseEvent.TermMaxLength).IsRequired();
        builder.Property(a => a.Attribution).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.RecordedBy).HasMaxLength(ReferralEvent.ActorMaxLength).IsRequired();
        builder.HasIndex(a => a.SessionId);
    }
}

internal sealed class SessionCallConfiguration : IEntityTypeConfiguration<SessionCall>
{
    public void Configure(EntityTypeBuilder<SessionCall> builder)
    {
        builder.ToTable("SessionCalls");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.LastOutcome).HasConversion<string>().HasMaxLength(16);
        builder.Ignore(c => c.IsDone);
        builder.HasIndex(c => new { c.SessionId, c.Day }).IsUnique();

        // The calls worklist: open calls by the day they are due.
        builder.HasIndex(c => new { c.DoneAtUtc, c.DueOn });
    }
}

internal sealed class LesionAssessmentConfiguration : IEntityTypeConfiguration<LesionAssessment>
{
    public void Configure(EntityTypeBuilder<LesionAssessment> builder)
    {
        builder.ToTable("LesionAssessments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Modality).HasConversion<string>().HasMaxLength(8);
        builder.Property(a => a.NonTarget).HasConversion<string>().HasMaxLength(24);
        builder.Property(a => a.OtherLesionsMm).HasMaxLength(200).IsRequired();
        builder.Property(a => a.Notes).HasMaxLength(Domain.Courses.ScanFindings.NotesMaxLength);
        builder.Property(a => a.ComputedCategory).HasConversion<string>().HasMaxLength(24);
        builder.Property(a => a.OverrideCategory).HasConversion<string>().HasMaxLength(24);
        builder.Property(a => a.OverrideReason).HasMaxLength(LesionAssessment.ReasonMaxLength);
        builder.Property(a => a.Arithmetic).HasMaxLength(2000).IsRequired();
        builder.Property(a => a.ResponseRuleVersion).HasMaxLength(300).IsRequired();
        builder.Property(a => a.MilanReason).HasMaxLength(300).IsRequired();
        builder.Property(a => a.Downstaging).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.DownstagingReason).HasMaxLength(300).IsRequired();
        builder.Property(a => a.TransplantRuleVersion).HasMaxLength(200).IsRequired();
        builder.Property(a => a.AssessedBy).HasMaxLength(ReferralEvent.ActorMaxLength).IsRequired();
        builder.Property(a => a.AssessedByUserId).HasMaxLength(450);
        builder.Ignore(a => a.IsBaseline);
        builder.Ignore(a => a.Category);
        builder.Ignore(a => a.TargetsMm);
        builder.Ignore(a => a.OtherLesions);

        // The baseline is reading 0; each session has at most one follow-up reading.
        builder.HasIndex(a => new { a.CourseId, a.AfterSession }).IsUnique();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

using Scheduling.Domain.Accounts;
using Scheduling.Domain.Audit;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Capacity;
using Scheduling.Domain.Courses;
using Scheduling.Domain.Integration;
using Scheduling.Domain.Messaging;
using Scheduling.Domain.Patients;
using Scheduling.Domain.Referrals;
using Scheduling.Domain.Rooms;
using Scheduling.Domain.Settings;
using Scheduling.Domain.Slots;

namespace Scheduling.Application.Common.Abstractions;

/// <summary>
/// The application's view of the database. Handlers use it directly (no repository layer): EF's
/// DbSet already is the repository and unit of work.
/// </summary>
public interface IApplicationDbContext
{
    DbSet<Room> Rooms { get; }

    DbSet<Referral> Referrals { get; }

    DbSet<ReferralEvent> ReferralEvents { get; }

    DbSet<ReferralAttachment> ReferralAttachments { get; }

    DbSet<Slot> Slots { get; }

    DbSet<RoomDayTemplate> RoomDayTemplates { get; }

    DbSet<Closure> Closures { get; }

    DbSet<Booking> Bookings { get; }

    DbSet<Resource> Resources { get; }

    DbSet<WeeklyHours> WeeklyHours { get; }

    DbSet<Unavailability> Unavailabilities { get; }

    DbSet<ResourceClaim> ResourceClaims { get; }

    DbSet<ProcedureRequirements> ProcedureRequirements { get; }

    DbSet<CapacityHold> CapacityHolds { get; }

    DbSet<AuditEntry> AuditEntries { get; }

    DbSet<OutboxMessage> OutboxMessages { get; }

    DbSet<PatientLinkToken> PatientLinkTokens { get; }

    DbSet<MessageTemplate> MessageTemplates { get; }

    DbSet<TextOptOut> TextOptOuts { get; }

    DbSet<UserSession> UserSessions { get; }

    DbSet<AccountLink> AccountLinks { get; }

    DbSet<AccessRequest> AccessRequests { get; }

    DbSet<PasswordResetRequest> PasswordResetRequests { get; }

    DbSet<IntegrationClient> IntegrationClients { get; }

    DbSet<UsedClientAssertion> UsedClientAssertions { get; }

    DbSet<Patient> Patients { get; }

    DbSet<TreatmentCourse> TreatmentCourses { get; }

    DbSet<CourseSession> CourseSessions { get; }

    DbSet<SessionCall> SessionCalls { get; }

    DbSet<LesionAssessment> LesionAssessments { get; }

    DbSet<StoredSettings> StoredSettings { get; }

    DatabaseFacade Database { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}

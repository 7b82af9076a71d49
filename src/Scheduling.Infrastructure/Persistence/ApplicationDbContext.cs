using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
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
using Scheduling.Infrastructure.Identity;
using Scheduling.Infrastructure.Persistence.Configurations;

namespace Scheduling.Infrastructure.Persistence;

/// <summary>
/// The one database of the application: clinical scheduling data, Identity, Data Protection keys and
/// the audit trail live together so that a change and its audit line commit in one transaction.
/// </summary>
public sealed class ApplicationDbContext(DbContextOptions<ApplicationDbContext> options)
    : IdentityDbContext<ApplicationUser>(options), IApplicationDbContext, IDataProtectionKeyContext
{
    public DbSet<Room> Rooms => Set<Room>();

    public DbSet<Referral> Referrals => Set<Referral>();

    public DbSet<ReferralEvent> ReferralEvents => Set<ReferralEvent>();

    public DbSet<ReferralAttachment> ReferralAttachments => Set<ReferralAttachment>();

    public DbSet<Slot> Slots => Set<Slot>();

    public DbSet<RoomDayTemplate> RoomDayTemplates => Set<RoomDayTemplate>();

    public DbSet<Closure> Closures => Set<Closure>();

    public DbSet<Booking> Bookings => Set<Booking>();

    public DbSet<Resource> Resources => Set<Resource>();

    public DbSet<WeeklyHours> WeeklyHours => Set<WeeklyHours>();

    public DbSet<Unavailability> Unavailabilities => Set<Unavailability>();

    public DbSet<ResourceClaim> ResourceClaims => Set<ResourceClaim>();

    public DbSet<ProcedureRequirements> ProcedureRequirements => Set<ProcedureRequirements>();

    public DbSet<CapacityHold> CapacityHolds => Set<CapacityHold>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<AuditRecordSet> AuditRecordSets => Set<AuditRecordSet>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<PatientLinkToken> PatientLinkTokens => Set<PatientLinkToken>();

    public DbSet<MessageTemplate> MessageTemplates => Set<MessageTemplate>();

    public DbSet<TextOptOut> TextOptOuts => Set<TextOptOut>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<AccountLink> AccountLinks => Set<AccountLink>();

    public DbSet<AccessRequest> AccessRequests => Set<AccessRequest>();

    public DbSet<PasswordResetRequest> PasswordResetRequests => Set<PasswordResetRequest>();

    public DbSet<SignInAttempt> SignInAttempts => Set<SignInAttempt>();

    public DbSet<KnownDevice> KnownDevices => Set<KnownDevice>();

    public DbSet<StoredSettings> StoredSettings => Set<StoredSettings>();

    public DbSet<IntegrationClient> IntegrationClients => Set<IntegrationClient>();

    public DbSet<UsedClientAssertion> UsedClientAssertions => Set<UsedClientAssertion>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Patient> Patients => Set<Patient>();

    public DbSet<TreatmentCourse> TreatmentCourses => Set<TreatmentCourse>();

    public DbSet<CourseSession> CourseSessions => Set<CourseSession>();

    public DbSet<SessionCall> SessionCalls => Set<SessionCall>();

    public DbSet<LesionAssessment> LesionAssessments => Set<LesionAssessment>();

    /// <summary>
    /// Every save, whoever calls it, first changes the token of each slot a booking takes, leaves or
    /// releases (<see cref="SlotOccupancy"/>), gives every new room its resource row and releases the
    /// claims of every booking that stops holding them or moves (<see cref="ClaimRelease"/>).
    /// </summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        ClaimRelease.AddRoomResources(this);
        ClaimRelease.Release(this, ClaimRelease.EndedOrMoved(ChangeTracker));
        SlotOccupancy.Touch(this, SlotOccupancy.ChangedSlots(ChangeTracker));
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ClaimRelease.AddRoomResources(this);
        await ClaimRelease.ReleaseAsync(this, ClaimRelease.EndedOrMoved(ChangeTracker), cancellationToken);
        await SlotOccupancy.TouchAsync(this, SlotOccupancy.ChangedSlots(ChangeTracker), cancellationToken);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ApplicationDbContext).Assembly);

        // The token server's clients, scopes, authorizations and tokens (SMART Backend Services).
        builder.UseOpenIddict();
        var sqlServer = Database.ProviderName == "Microsoft.EntityFrameworkCore.SqlServer";
        builder.Entity<Booking>(new BookingConfiguration(sqlServer).Configure);
        builder.Entity<ResourceClaim>(new ResourceClaimConfiguration(sqlServer).Configure);
        builder.Entity<TreatmentCourse>(new TreatmentCourseConfiguration(sqlServer).Configure);
        if (Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            UseTimestampWithTimeZone(builder);
        }
    }

    /// <summary>
    /// PostgreSQL: every instant is a <c>timestamp with time zone</c>, stated here rather than left to
    /// the provider's default. Npgsql writes only UTC values to it (the converter below makes every
    /// value UTC first) and reads them back as UTC, so nothing shifts with the server's or the
    /// session's TimeZone setting. Calendar dates and clock times stay <c>date</c> and <c>time</c>.
    /// </summary>
    private static void UseTimestampWithTimeZone(ModelBuilder builder)
    {
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()))
        {
            if (property.ClrType == typeof(DateTime) || property.ClrType == typeof(DateTime?)
                || property.ClrType == typeof(DateTimeOffset) || property.ClrType == typeof(DateTimeOffset?))
            {
                property.SetColumnType("timestamp with time zone");
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every instant is stored in UTC; reading it back marks it as UTC so that conversion to clinic
        // time is never done on a value of unknown kind.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }
}

IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126170308_InitialCreate'
)
BEGIN
    CREATE TABLE [AspNetRoles] (
        [Id] nvarchar(450) NOT NULL,
        [Name] nvarchar(256) NULL,
        [NormalizedName] nvarchar(256) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoles] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126170308_InitialCreate'
)
BEGIN
    CREATE TABLE [AspNetUsers] (
        [Id] nvarchar(450) NOT NULL,
        [FullName] nvarchar(200) NOT NULL,
        [PracticeName] nvarchar(200) NULL,
        [PracticePhone] nvarchar(40) NULL,
        [UserName] nvarchar(256) NULL,
        [NormalizedUserName] nvarchar(256) NULL,
        [Email] nvarchar(256) NULL,
        [NormalizedEmail] nvarchar(256) NULL,
        [EmailConfirmed] bit NOT NULL,
        [PasswordHash] nvarchar(max) NULL,
        [SecurityStamp] nvarchar(max) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        [PhoneNumber] nvarchar(max) NULL,
        [PhoneNumberConfirmed] bit NOT NULL,
        [TwoFactorEnabled] bit NOT NULL,
        [LockoutEnd] datetimeoffset NULL,
        [LockoutEnabled] bit NOT NULL,
        [AccessFailedCount] int NOT NULL,
        CONSTRAINT [PK_AspNetUsers] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126170308_InitialCreate'
)
BEGIN
    CREATE TABLE [AuditEntries] (
        [Id] bigint NOT NULL IDENTITY,
        [OccurredAtUtc] datetime2 NOT NULL,
        [UserId] nvarchar(450) NULL,
        [UserName] nvarchar(256) NULL,
        [Action] nvarchar(64) NOT NULL,
        [EntityType] nvarchar(64) NOT NULL,
        [EntityId] nvarchar(64) NULL,
        [Details] nvarchar(1000) NULL,
        [ClientAddress] nvarchar(64) NULL,
        CONSTRAINT [PK_AuditEntries] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126170308_InitialCreate'
)
BEGIN
    CREATE TABLE [DataProtectionKeys] (
        [Id] int NOT NULL IDENTITY,
        [FriendlyName] nvarchar(max) NULL,
        [Xml] nvarchar(max) NULL,
        CONSTRAINT [PK_DataProtectionKeys] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126170308_InitialCreate'
)
BEGIN
    CREATE TABLE [Rooms] (
        [Id] uniqueidentifier NOT NULL,
        [Name] nvarchar(100) NOT NULL,
        [NormalizedName] nvarchar(100) NOT NULL,
        [Location] nvarchar(200) NULL,
        [IsActive] bit NOT NULL,
        [CreatedAtUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_Rooms] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126170308_InitialCreate'
)
BEGIN
    CREATE TABLE [AspNetRoleClaims] (
        [Id] int NOT NULL IDENTITY,
        [RoleId] nvarchar(450) NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoleClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetRoleClaims_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126170308_InitialCreate'
)
BEGIN
    CREATE TABLE [AspNetUserClaims] (
        [Id] int NOT NULL IDENTITY,
        [UserId] nvarchar(450) NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetUserClaims_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126170308_InitialCreate'
)
BEGIN
    CREATE TABLE [AspNetUserLogins] (
        [LoginProvider] nvarchar(450) NOT NULL,
        [ProviderKey] nvarchar(450) NOT NULL,
        [ProviderDisplayName] nvarchar(max) NULL,
        [UserId] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_AspNetUserLogins] PRIMARY KEY ([LoginProvider], [ProviderKey]),
        CONSTRAINT [FK_AspNetUserLogins_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126170308_InitialCreate'
)
BEGIN
    CREATE TABLE [AspNetUserRoles] (
        [UserId] nvarchar(450) NOT NULL,
        [RoleId] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_AspNetUserRoles] PRIMARY KEY ([UserId], [RoleId]),
        CONSTRAINT [FK_AspNetUserRoles_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_AspNetUserRoles_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126170308_InitialCreate'
)
BEGIN
    CREATE TABLE [AspNetUserTokens] (
        [UserId] nvarchar(450) NOT NULL,
        [LoginProvider] nvarchar(450) NOT NULL,
        [Name] nvarchar(450) NOT NULL,
        [Value] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserTokens] PRIMARY KEY ([UserId], [LoginProvider], [Name]),
        CONSTRAINT [FK_AspNetUserTokens_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126170308_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_AspNetRoleClaims_RoleId] ON [AspNetRoleClaims] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126170308_InitialCreate'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [RoleNameIndex] ON [AspNetRoles] ([NormalizedName]) WHERE [NormalizedName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126170308_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_AspNetUserClaims_UserId] ON [AspNetUserClaims] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126170308_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_AspNetUserLogins_UserId] ON [AspNetUserLogins] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126170308_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_AspNetUserRoles_RoleId] ON [AspNetUserRoles] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126170308_InitialCreate'
)
BEGIN
    CREATE INDEX [EmailIndex] ON [AspNetUsers] ([NormalizedEmail]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126170308_InitialCreate'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [UserNameIndex] ON [AspNetUsers] ([NormalizedUserName]) WHERE [NormalizedUserName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126170308_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_EntityType_EntityId] ON [AuditEntries] ([EntityType], [EntityId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126170308_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_OccurredAtUtc] ON [AuditEntries] ([OccurredAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126170308_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Rooms_NormalizedName] ON [Rooms] ([NormalizedName]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126170308_InitialCreate'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261126170308_InitialCreate', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126174521_Messaging'
)
BEGIN
    CREATE TABLE [MessageTemplates] (
        [Id] uniqueidentifier NOT NULL,
        [Kind] nvarchar(64) NOT NULL,
        [Subject] nvarchar(200) NOT NULL,
        [Body] nvarchar(max) NOT NULL,
        [UpdatedAtUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_MessageTemplates] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126174521_Messaging'
)
BEGIN
    CREATE TABLE [OutboxMessages] (
        [Id] uniqueidentifier NOT NULL,
        [Kind] nvarchar(64) NOT NULL,
        [SubjectId] uniqueidentifier NOT NULL,
        [SubjectVersion] int NOT NULL,
        [CreatedAtUtc] datetime2 NOT NULL,
        [Status] nvarchar(16) NOT NULL,
        [Attempts] int NOT NULL,
        [NextAttemptAtUtc] datetime2 NOT NULL,
        [ClaimedUntilUtc] datetime2 NULL,
        [SentAtUtc] datetime2 NULL,
        [SmtpMessageId] nvarchar(200) NULL,
        [LastError] nvarchar(500) NULL,
        CONSTRAINT [PK_OutboxMessages] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126174521_Messaging'
)
BEGIN
    CREATE TABLE [PatientLinkTokens] (
        [Id] uniqueidentifier NOT NULL,
        [TokenHash] binary(32) NOT NULL,
        [BookingId] uniqueidentifier NOT NULL,
        [BookingVersion] int NOT NULL,
        [CreatedAtUtc] datetime2 NOT NULL,
        [ExpiresAtUtc] datetime2 NOT NULL,
        [UsedUpAtUtc] datetime2 NULL,
        CONSTRAINT [PK_PatientLinkTokens] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126174521_Messaging'
)
BEGIN
    CREATE UNIQUE INDEX [IX_MessageTemplates_Kind] ON [MessageTemplates] ([Kind]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126174521_Messaging'
)
BEGIN
    CREATE INDEX [IX_OutboxMessages_Status_NextAttemptAtUtc] ON [OutboxMessages] ([Status], [NextAttemptAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126174521_Messaging'
)
BEGIN
    CREATE UNIQUE INDEX [IX_OutboxMessages_SubjectId_Kind_SubjectVersion] ON [OutboxMessages] ([SubjectId], [Kind], [SubjectVersion]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126174521_Messaging'
)
BEGIN
    CREATE INDEX [IX_PatientLinkTokens_BookingId_BookingVersion] ON [PatientLinkTokens] ([BookingId], [BookingVersion]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126174521_Messaging'
)
BEGIN
    CREATE UNIQUE INDEX [IX_PatientLinkTokens_TokenHash] ON [PatientLinkTokens] ([TokenHash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126174521_Messaging'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261126174521_Messaging', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127150938_ReferralsSlotsBookings'
)
BEGIN
    CREATE TABLE [Referrals] (
        [Id] uniqueidentifier NOT NULL,
        [DoctorUserId] nvarchar(450) NOT NULL,
        [PatientFirstName] nvarchar(100) NOT NULL,
        [PatientLastName] nvarchar(100) NOT NULL,
        [PatientDateOfBirth] date NOT NULL,
        [PatientSex] nvarchar(16) NOT NULL,
        [PatientPhone] nvarchar(40) NOT NULL,
        [PatientEmail] nvarchar(254) NOT NULL,
        [PreferredLanguage] nvarchar(50) NOT NULL,
        [MedicalRecordNumber] nvarchar(50) NULL,
        [PracticeName] nvarchar(200) NOT NULL,
        [PracticeContact] nvarchar(200) NOT NULL,
        [Diagnosis] nvarchar(200) NOT NULL,
        [Icd10Code] nvarchar(8) NOT NULL,
        [Urgency] nvarchar(16) NOT NULL,
        [ClinicalNotes] nvarchar(4000) NULL,
        [Status] nvarchar(24) NOT NULL,
        [QuestionnaireJson] nvarchar(max) NULL,
        [Outcome] nvarchar(16) NULL,
        [CriteriaVersion] nvarchar(16) NULL,
        [FindingsJson] nvarchar(max) NULL,
        [OvernightBedLikely] bit NOT NULL,
        [PremedicationNeeded] bit NOT NULL,
        [LabsDrawnOn] date NULL,
        [ImagingDoneOn] date NULL,
        [CreatedAtUtc] datetime2 NOT NULL,
        [UpdatedAtUtc] datetime2 NOT NULL,
        [SubmittedAtUtc] datetime2 NULL,
        [ReadyToScheduleSinceUtc] datetime2 NULL,
        [DecisionReason] nvarchar(1000) NULL,
        [DecidedBy] nvarchar(256) NULL,
        [DecidedAtUtc] datetime2 NULL,
        [Version] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_Referrals] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Referrals_AspNetUsers_DoctorUserId] FOREIGN KEY ([DoctorUserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127150938_ReferralsSlotsBookings'
)
BEGIN
    CREATE TABLE [Slots] (
        [Id] uniqueidentifier NOT NULL,
        [RoomId] uniqueidentifier NOT NULL,
        [StartUtc] datetime2 NOT NULL,
        [EndUtc] datetime2 NOT NULL,
        [LocalDate] date NOT NULL,
        [IsWithdrawn] bit NOT NULL,
        [CreatedAtUtc] datetime2 NOT NULL,
        [Version] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_Slots] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Slots_Rooms_RoomId] FOREIGN KEY ([RoomId]) REFERENCES [Rooms] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127150938_ReferralsSlotsBookings'
)
BEGIN
    CREATE TABLE [ReferralEvents] (
        [Id] uniqueidentifier NOT NULL,
        [ReferralId] uniqueidentifier NOT NULL,
        [AtUtc] datetime2 NOT NULL,
        [Kind] nvarchar(40) NOT NULL,
        [Text] nvarchar(1000) NOT NULL,
        [Actor] nvarchar(256) NULL,
        CONSTRAINT [PK_ReferralEvents] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ReferralEvents_Referrals_ReferralId] FOREIGN KEY ([ReferralId]) REFERENCES [Referrals] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127150938_ReferralsSlotsBookings'
)
BEGIN
    CREATE TABLE [Bookings] (
        [Id] uniqueidentifier NOT NULL,
        [ReferralId] uniqueidentifier NOT NULL,
        [SlotId] uniqueidentifier NOT NULL,
        [Status] nvarchar(24) NOT NULL,
        [Sequence] int NOT NULL,
        [BookedAtUtc] datetime2 NOT NULL,
        [BookedBy] nvarchar(256) NOT NULL,
        [LeadTimeOverrideReason] nvarchar(1000) NULL,
        [ConfirmedAtUtc] datetime2 NULL,
        [CancelledAtUtc] datetime2 NULL,
        [CancelReason] nvarchar(1000) NULL,
        [CancelledByPatient] bit NOT NULL,
        [PatientRequest] nvarchar(16) NOT NULL,
        [PatientRequestAtUtc] datetime2 NULL,
        [EscalatedAtUtc] datetime2 NULL,
        [OutcomeRecordedAtUtc] datetime2 NULL,
        [UpdatedAtUtc] datetime2 NOT NULL,
        [Version] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_Bookings] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Bookings_Referrals_ReferralId] FOREIGN KEY ([ReferralId]) REFERENCES [Referrals] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Bookings_Slots_SlotId] FOREIGN KEY ([SlotId]) REFERENCES [Slots] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127150938_ReferralsSlotsBookings'
)
BEGIN
    CREATE INDEX [IX_Bookings_Status_BookedAtUtc] ON [Bookings] ([Status], [BookedAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127150938_ReferralsSlotsBookings'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [UX_Bookings_ActiveReferral] ON [Bookings] ([ReferralId]) WHERE [Status] IN (''PendingConfirmation'', ''Confirmed'')');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127150938_ReferralsSlotsBookings'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [UX_Bookings_ActiveSlot] ON [Bookings] ([SlotId]) WHERE [Status] IN (''PendingConfirmation'', ''Confirmed'')');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127150938_ReferralsSlotsBookings'
)
BEGIN
    CREATE INDEX [IX_ReferralEvents_ReferralId_AtUtc] ON [ReferralEvents] ([ReferralId], [AtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127150938_ReferralsSlotsBookings'
)
BEGIN
    CREATE INDEX [IX_Referrals_DoctorUserId_CreatedAtUtc] ON [Referrals] ([DoctorUserId], [CreatedAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127150938_ReferralsSlotsBookings'
)
BEGIN
    CREATE INDEX [IX_Referrals_Status_ReadyToScheduleSinceUtc] ON [Referrals] ([Status], [ReadyToScheduleSinceUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127150938_ReferralsSlotsBookings'
)
BEGIN
    CREATE INDEX [IX_Slots_LocalDate_RoomId] ON [Slots] ([LocalDate], [RoomId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127150938_ReferralsSlotsBookings'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Slots_RoomId_StartUtc] ON [Slots] ([RoomId], [StartUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127150938_ReferralsSlotsBookings'
)
BEGIN
    CREATE INDEX [IX_Slots_StartUtc] ON [Slots] ([StartUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127150938_ReferralsSlotsBookings'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261127150938_ReferralsSlotsBookings', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127151648_SlotTemplates'
)
BEGIN
    CREATE TABLE [Closures] (
        [Id] uniqueidentifier NOT NULL,
        [RoomId] uniqueidentifier NULL,
        [FromDate] date NOT NULL,
        [ToDate] date NOT NULL,
        [Reason] nvarchar(200) NOT NULL,
        [CreatedBy] nvarchar(256) NOT NULL,
        [CreatedAtUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_Closures] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Closures_Rooms_RoomId] FOREIGN KEY ([RoomId]) REFERENCES [Rooms] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127151648_SlotTemplates'
)
BEGIN
    CREATE TABLE [RoomDayTemplates] (
        [Id] uniqueidentifier NOT NULL,
        [RoomId] uniqueidentifier NOT NULL,
        [Weekday] nvarchar(9) NOT NULL,
        [FirstStart] time NOT NULL,
        [TurnoverMinutes] int NOT NULL,
        [RecoveryMinutes] int NOT NULL,
        [UnitCloses] time NOT NULL,
        [UpdatedAtUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_RoomDayTemplates] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_RoomDayTemplates_Rooms_RoomId] FOREIGN KEY ([RoomId]) REFERENCES [Rooms] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127151648_SlotTemplates'
)
BEGIN
    CREATE INDEX [IX_Closures_RoomId] ON [Closures] ([RoomId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127151648_SlotTemplates'
)
BEGIN
    CREATE INDEX [IX_Closures_ToDate_FromDate] ON [Closures] ([ToDate], [FromDate]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127151648_SlotTemplates'
)
BEGIN
    CREATE UNIQUE INDEX [IX_RoomDayTemplates_RoomId_Weekday] ON [RoomDayTemplates] ([RoomId], [Weekday]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127151648_SlotTemplates'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261127151648_SlotTemplates', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127160958_ReferralAttachments'
)
BEGIN
    CREATE TABLE [ReferralAttachments] (
        [Id] uniqueidentifier NOT NULL,
        [ReferralId] uniqueidentifier NOT NULL,
        [FileName] nvarchar(200) NOT NULL,
        [ContentType] nvarchar(50) NOT NULL,
        [SizeBytes] bigint NOT NULL,
        [Content] varbinary(max) NOT NULL,
        [UploadedAtUtc] datetime2 NOT NULL,
        [UploadedByUserId] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_ReferralAttachments] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ReferralAttachments_Referrals_ReferralId] FOREIGN KEY ([ReferralId]) REFERENCES [Referrals] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127160958_ReferralAttachments'
)
BEGIN
    CREATE INDEX [IX_ReferralAttachments_ReferralId_UploadedAtUtc] ON [ReferralAttachments] ([ReferralId], [UploadedAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127160958_ReferralAttachments'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261127160958_ReferralAttachments', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201094024_OccupyingBookingsHoldTheirSlot'
)
BEGIN
    DROP INDEX [UX_Bookings_ActiveSlot] ON [Bookings];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201094024_OccupyingBookingsHoldTheirSlot'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [UX_Bookings_OccupyingSlot] ON [Bookings] ([SlotId]) WHERE [Status] IN (''PendingConfirmation'', ''Confirmed'', ''Completed'', ''NoShow'')');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201094024_OccupyingBookingsHoldTheirSlot'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201094024_OccupyingBookingsHoldTheirSlot', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201094624_ServerSideSessions'
)
BEGIN
    ALTER TABLE [AspNetUsers] ADD [DeactivatedAtUtc] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201094624_ServerSideSessions'
)
BEGIN
    CREATE TABLE [UserSessions] (
        [Id] uniqueidentifier NOT NULL,
        [KeyHash] binary(32) NOT NULL,
        [UserId] nvarchar(450) NOT NULL,
        [SecurityStamp] nvarchar(256) NULL,
        [Ticket] varbinary(max) NOT NULL,
        [CreatedAtUtc] datetime2 NOT NULL,
        [LastSeenAtUtc] datetime2 NOT NULL,
        [IdleExpiresAtUtc] datetime2 NOT NULL,
        [ExpiresAtUtc] datetime2 NOT NULL,
        [ClientAddress] nvarchar(64) NULL,
        [Device] nvarchar(120) NULL,
        [EndedAtUtc] datetime2 NULL,
        [EndReason] nvarchar(32) NULL,
        CONSTRAINT [PK_UserSessions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_UserSessions_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201094624_ServerSideSessions'
)
BEGIN
    CREATE INDEX [IX_UserSessions_ExpiresAtUtc] ON [UserSessions] ([ExpiresAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201094624_ServerSideSessions'
)
BEGIN
    CREATE UNIQUE INDEX [IX_UserSessions_KeyHash] ON [UserSessions] ([KeyHash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201094624_ServerSideSessions'
)
BEGIN
    CREATE INDEX [IX_UserSessions_UserId_EndedAtUtc] ON [UserSessions] ([UserId], [EndedAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201094624_ServerSideSessions'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201094624_ServerSideSessions', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201095501_PatientRequestPreferences'
)
BEGIN
    ALTER TABLE [Bookings] ADD [PatientRequestNote] nvarchar(1000) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201095501_PatientRequestPreferences'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201095501_PatientRequestPreferences', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201114252_AccountManagement'
)
BEGIN
    ALTER TABLE [AspNetUsers] ADD [CreatedAtUtc] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201114252_AccountManagement'
)
BEGIN
    ALTER TABLE [AspNetUsers] ADD [LastSignInAtUtc] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201114252_AccountManagement'
)
BEGIN
    ALTER TABLE [AspNetUsers] ADD [Npi] nvarchar(10) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201114252_AccountManagement'
)
BEGIN
    CREATE TABLE [AccessRequests] (
        [Id] uniqueidentifier NOT NULL,
        [FullName] nvarchar(200) NOT NULL,
        [Practice] nvarchar(200) NOT NULL,
        [Npi] nvarchar(10) NOT NULL,
        [Email] nvarchar(256) NOT NULL,
        [Phone] nvarchar(40) NOT NULL,
        [Note] nvarchar(1000) NULL,
        [CreatedAtUtc] datetime2 NOT NULL,
        [Status] nvarchar(16) NOT NULL,
        [DecidedAtUtc] datetime2 NULL,
        [DecidedByUserId] nvarchar(450) NULL,
        [DeclineReason] nvarchar(1000) NULL,
        [AccountUserId] nvarchar(450) NULL,
        CONSTRAINT [PK_AccessRequests] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201114252_AccountManagement'
)
BEGIN
    CREATE TABLE [AccountLinks] (
        [Id] uniqueidentifier NOT NULL,
        [UserId] nvarchar(450) NOT NULL,
        [Purpose] nvarchar(32) NOT NULL,
        [TokenHash] binary(32) NULL,
        [CreatedAtUtc] datetime2 NOT NULL,
        [ExpiresAtUtc] datetime2 NOT NULL,
        [UsedAtUtc] datetime2 NULL,
        [RevokedAtUtc] datetime2 NULL,
        CONSTRAINT [PK_AccountLinks] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AccountLinks_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201114252_AccountManagement'
)
BEGIN
    CREATE INDEX [IX_AccessRequests_Status_CreatedAtUtc] ON [AccessRequests] ([Status], [CreatedAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201114252_AccountManagement'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_AccountLinks_TokenHash] ON [AccountLinks] ([TokenHash]) WHERE [TokenHash] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201114252_AccountManagement'
)
BEGIN
    CREATE INDEX [IX_AccountLinks_UserId_Purpose] ON [AccountLinks] ([UserId], [Purpose]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201114252_AccountManagement'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201114252_AccountManagement', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201123224_AuditPageViews'
)
BEGIN
    CREATE TABLE [AuditEntryRecords] (
        [Id] bigint NOT NULL IDENTITY,
        [EntityType] nvarchar(64) NOT NULL,
        [EntityId] nvarchar(64) NOT NULL,
        [AuditEntryId] bigint NOT NULL,
        CONSTRAINT [PK_AuditEntryRecords] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AuditEntryRecords_AuditEntries_AuditEntryId] FOREIGN KEY ([AuditEntryId]) REFERENCES [AuditEntries] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201123224_AuditPageViews'
)
BEGIN
    CREATE INDEX [IX_AuditEntryRecords_AuditEntryId] ON [AuditEntryRecords] ([AuditEntryId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201123224_AuditPageViews'
)
BEGIN
    CREATE INDEX [IX_AuditEntryRecords_EntityId] ON [AuditEntryRecords] ([EntityId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201123224_AuditPageViews'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201123224_AuditPageViews', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201130328_BookingLookupIndexes'
)
BEGIN
    CREATE INDEX [IX_Bookings_ReferralId_Status] ON [Bookings] ([ReferralId], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201130328_BookingLookupIndexes'
)
BEGIN
    CREATE INDEX [IX_Bookings_SlotId_Status] ON [Bookings] ([SlotId], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201130328_BookingLookupIndexes'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201130328_BookingLookupIndexes', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201132043_TimelineActorAccount'
)
BEGIN
    ALTER TABLE [ReferralEvents] ADD [ActorUserId] nvarchar(450) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201132043_TimelineActorAccount'
)
BEGIN
    UPDATE [ReferralEvents] SET [ActorUserId] = (SELECT u.[Id] FROM [AspNetUsers] u WHERE u.[NormalizedUserName] = UPPER([ReferralEvents].[Actor])), [Actor] = COALESCE((SELECT NULLIF(u.[FullName], '') FROM [AspNetUsers] u WHERE u.[NormalizedUserName] = UPPER([ReferralEvents].[Actor])), [Actor]) WHERE [ActorUserId] IS NULL AND EXISTS (SELECT 1 FROM [AspNetUsers] u WHERE u.[NormalizedUserName] = UPPER([ReferralEvents].[Actor]));
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201132043_TimelineActorAccount'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201132043_TimelineActorAccount', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201160652_AuditRecordSets'
)
BEGIN
    ALTER TABLE [AuditEntries] ADD [RecordSetKey] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201160652_AuditRecordSets'
)
BEGIN
    CREATE TABLE [AuditRecordSets] (
        [Key] nvarchar(64) NOT NULL,
        [Count] int NOT NULL,
        CONSTRAINT [PK_AuditRecordSets] PRIMARY KEY ([Key])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201160652_AuditRecordSets'
)
BEGIN
    CREATE TABLE [AuditRecordSetMembers] (
        [EntityType] nvarchar(64) NOT NULL,
        [EntityId] nvarchar(64) NOT NULL,
        [SetKey] nvarchar(64) NOT NULL,
        CONSTRAINT [PK_AuditRecordSetMembers] PRIMARY KEY ([SetKey], [EntityType], [EntityId]),
        CONSTRAINT [FK_AuditRecordSetMembers_AuditRecordSets_SetKey] FOREIGN KEY ([SetKey]) REFERENCES [AuditRecordSets] ([Key]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201160652_AuditRecordSets'
)
BEGIN
    INSERT INTO [AuditRecordSets] ([Key], [Count])
    SELECT CONCAT(N'entry-', [AuditEntryId]), COUNT(*) FROM [AuditEntryRecords] GROUP BY [AuditEntryId];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201160652_AuditRecordSets'
)
BEGIN
    INSERT INTO [AuditRecordSetMembers] ([SetKey], [EntityType], [EntityId])
    SELECT CONCAT(N'entry-', [AuditEntryId]), [EntityType], [EntityId] FROM [AuditEntryRecords];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201160652_AuditRecordSets'
)
BEGIN
    UPDATE [AuditEntries] SET [RecordSetKey] = CONCAT(N'entry-', [Id])
    WHERE [Id] IN (SELECT [AuditEntryId] FROM [AuditEntryRecords]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201160652_AuditRecordSets'
)
BEGIN
    DROP TABLE [AuditEntryRecords];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201160652_AuditRecordSets'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_RecordSetKey] ON [AuditEntries] ([RecordSetKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201160652_AuditRecordSets'
)
BEGIN
    CREATE INDEX [IX_AuditRecordSetMembers_EntityId] ON [AuditRecordSetMembers] ([EntityId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201160652_AuditRecordSets'
)
BEGIN
    ALTER TABLE [AuditEntries] ADD CONSTRAINT [FK_AuditEntries_AuditRecordSets_RecordSetKey] FOREIGN KEY ([RecordSetKey]) REFERENCES [AuditRecordSets] ([Key]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201160652_AuditRecordSets'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201160652_AuditRecordSets', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206000056_TreatmentCourses'
)
BEGIN
    ALTER TABLE [Referrals] ADD [CourseId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206000056_TreatmentCourses'
)
BEGIN
    ALTER TABLE [Referrals] ADD [PatientId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206000056_TreatmentCourses'
)
BEGIN
    CREATE TABLE [Patients] (
        [Id] uniqueidentifier NOT NULL,
        [FirstName] nvarchar(100) NOT NULL,
        [LastName] nvarchar(100) NOT NULL,
        [DateOfBirth] date NOT NULL,
        [MedicalRecordNumber] nvarchar(50) NULL,
        [NormalizedFirstName] nvarchar(100) NOT NULL,
        [NormalizedLastName] nvarchar(100) NOT NULL,
        [NormalizedMedicalRecordNumber] nvarchar(50) NULL,
        [CreatedAtUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_Patients] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206000056_TreatmentCourses'
)
BEGIN
    CREATE TABLE [TreatmentCourses] (
        [Id] uniqueidentifier NOT NULL,
        [PatientId] uniqueidentifier NOT NULL,
        [DoctorUserId] nvarchar(450) NOT NULL,
        [State] nvarchar(24) NOT NULL,
        [StateReason] nvarchar(1000) NULL,
        [StartedAtUtc] datetime2 NOT NULL,
        [ClosedAtUtc] datetime2 NULL,
        [TransplantStatus] nvarchar(24) NOT NULL,
        [ListedOn] date NULL,
        [SessionCount] int NOT NULL,
        [LastSessionOn] date NULL,
        [SessionsWithoutResponse] int NOT NULL,
        [SessionsWithProgression] int NOT NULL,
        [Version] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_TreatmentCourses] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_TreatmentCourses_Patients_PatientId] FOREIGN KEY ([PatientId]) REFERENCES [Patients] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206000056_TreatmentCourses'
)
BEGIN
    CREATE TABLE [CourseEvents] (
        [Id] uniqueidentifier NOT NULL,
        [CourseId] uniqueidentifier NOT NULL,
        [AtUtc] datetime2 NOT NULL,
        [Kind] nvarchar(40) NOT NULL,
        [Text] nvarchar(1000) NOT NULL,
        [Actor] nvarchar(256) NULL,
        [ActorUserId] nvarchar(450) NULL,
        CONSTRAINT [PK_CourseEvents] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_CourseEvents_TreatmentCourses_CourseId] FOREIGN KEY ([CourseId]) REFERENCES [TreatmentCourses] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206000056_TreatmentCourses'
)
BEGIN
    CREATE TABLE [CourseSessions] (
        [Id] uniqueidentifier NOT NULL,
        [CourseId] uniqueidentifier NOT NULL,
        [Number] int NOT NULL,
        [BookingId] uniqueidentifier NOT NULL,
        [ReferralId] uniqueidentifier NOT NULL,
        [DoctorUserId] nvarchar(450) NOT NULL,
        [PerformedAtUtc] datetime2 NOT NULL,
        [PerformedOn] date NOT NULL,
        [DischargeKind] nvarchar(24) NULL,
        [DischargeReason] nvarchar(500) NULL,
        [HoursToDischarge] decimal(6,1) NULL,
        [DischargeRecordedAtUtc] datetime2 NULL,
        [FollowUpDueOn] date NOT NULL,
        [FollowUpWindowStart] date NOT NULL,
        [FollowUpWindowEnd] date NOT NULL,
        [ScanDoneOn] date NULL,
        [ScanModality] nvarchar(8) NULL,
        [FollowUpWaivedReason] nvarchar(500) NULL,
        [AssessedAtUtc] datetime2 NULL,
        CONSTRAINT [PK_CourseSessions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_CourseSessions_Bookings_BookingId] FOREIGN KEY ([BookingId]) REFERENCES [Bookings] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_CourseSessions_Referrals_ReferralId] FOREIGN KEY ([ReferralId]) REFERENCES [Referrals] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_CourseSessions_TreatmentCourses_CourseId] FOREIGN KEY ([CourseId]) REFERENCES [TreatmentCourses] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206000056_TreatmentCourses'
)
BEGIN
    CREATE TABLE [LesionAssessments] (
        [Id] uniqueidentifier NOT NULL,
        [CourseId] uniqueidentifier NOT NULL,
        [AfterSession] int NOT NULL,
        [ScanOn] date NOT NULL,
        [Modality] nvarchar(8) NOT NULL,
        [Target1Mm] int NOT NULL,
        [Target2Mm] int NULL,
        [Target1Segment] int NULL,
        [Target2Segment] int NULL,
        [NewLesion] bit NOT NULL,
        [NonTarget] nvarchar(24) NOT NULL,
        [OtherLesionsMm] nvarchar(200) NOT NULL,
        [MacrovascularInvasion] bit NOT NULL,
        [ExtrahepaticSpread] bit NOT NULL,
        [Notes] nvarchar(1000) NULL,
        [ComputedCategory] nvarchar(24) NULL,
        [OverrideCategory] nvarchar(24) NULL,
        [OverrideReason] nvarchar(1000) NULL,
        [BaselineSumMm] int NULL,
        [NadirSumMm] int NULL,
        [CurrentSumMm] int NOT NULL,
        [Arithmetic] nvarchar(2000) NOT NULL,
        [ResponseRuleVersion] nvarchar(300) NOT NULL,
        [WithinMilan] bit NOT NULL,
        [MilanReason] nvarchar(300) NOT NULL,
        [Downstaging] nvarchar(16) NOT NULL,
        [DownstagingReason] nvarchar(300) NOT NULL,
        [TransplantRuleVersion] nvarchar(200) NOT NULL,
        [Revision] int NOT NULL,
        [AssessedBy] nvarchar(256) NOT NULL,
        [AssessedByUserId] nvarchar(450) NULL,
        [AssessedAtUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_LesionAssessments] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_LesionAssessments_TreatmentCourses_CourseId] FOREIGN KEY ([CourseId]) REFERENCES [TreatmentCourses] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206000056_TreatmentCourses'
)
BEGIN
    CREATE TABLE [AdverseEvents] (
        [Id] uniqueidentifier NOT NULL,
        [SessionId] uniqueidentifier NOT NULL,
        [Term] nvarchar(100) NOT NULL,
        [Grade] int NOT NULL,
        [OnsetOn] date NOT NULL,
        [Attribution] nvarchar(16) NOT NULL,
        [Serious] bit NOT NULL,
        [RecordedAtUtc] datetime2 NOT NULL,
        [RecordedBy] nvarchar(256) NOT NULL,
        CONSTRAINT [PK_AdverseEvents] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AdverseEvents_CourseSessions_SessionId] FOREIGN KEY ([SessionId]) REFERENCES [CourseSessions] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206000056_TreatmentCourses'
)
BEGIN
    CREATE TABLE [SessionCalls] (
        [Id] uniqueidentifier NOT NULL,
        [SessionId] uniqueidentifier NOT NULL,
        [Day] int NOT NULL,
        [DueOn] date NOT NULL,
        [Attempts] int NOT NULL,
        [LastOutcome] nvarchar(16) NULL,
        [LastAttemptAtUtc] datetime2 NULL,
        [DoneAtUtc] datetime2 NULL,
        CONSTRAINT [PK_SessionCalls] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_SessionCalls_CourseSessions_SessionId] FOREIGN KEY ([SessionId]) REFERENCES [CourseSessions] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206000056_TreatmentCourses'
)
BEGIN
    CREATE INDEX [IX_Referrals_CourseId] ON [Referrals] ([CourseId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206000056_TreatmentCourses'
)
BEGIN
    CREATE INDEX [IX_Referrals_PatientId] ON [Referrals] ([PatientId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206000056_TreatmentCourses'
)
BEGIN
    CREATE INDEX [IX_AdverseEvents_SessionId] ON [AdverseEvents] ([SessionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206000056_TreatmentCourses'
)
BEGIN
    CREATE INDEX [IX_CourseEvents_CourseId_AtUtc] ON [CourseEvents] ([CourseId], [AtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206000056_TreatmentCourses'
)
BEGIN
    CREATE INDEX [IX_CourseSessions_AssessedAtUtc_ScanDoneOn] ON [CourseSessions] ([AssessedAtUtc], [ScanDoneOn]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206000056_TreatmentCourses'
)
BEGIN
    CREATE UNIQUE INDEX [IX_CourseSessions_BookingId] ON [CourseSessions] ([BookingId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206000056_TreatmentCourses'
)
BEGIN
    CREATE UNIQUE INDEX [IX_CourseSessions_CourseId_Number] ON [CourseSessions] ([CourseId], [Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206000056_TreatmentCourses'
)
BEGIN
    CREATE INDEX [IX_CourseSessions_DoctorUserId] ON [CourseSessions] ([DoctorUserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206000056_TreatmentCourses'
)
BEGIN
    CREATE INDEX [IX_CourseSessions_ReferralId] ON [CourseSessions] ([ReferralId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206000056_TreatmentCourses'
)
BEGIN
    CREATE INDEX [IX_CourseSessions_ScanDoneOn_FollowUpWindowEnd] ON [CourseSessions] ([ScanDoneOn], [FollowUpWindowEnd]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206000056_TreatmentCourses'
)
BEGIN
    CREATE UNIQUE INDEX [IX_LesionAssessments_CourseId_AfterSession] ON [LesionAssessments] ([CourseId], [AfterSession]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206000056_TreatmentCourses'
)
BEGIN
    CREATE INDEX [IX_Patients_DateOfBirth_NormalizedLastName_NormalizedFirstName] ON [Patients] ([DateOfBirth], [NormalizedLastName], [NormalizedFirstName]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206000056_TreatmentCourses'
)
BEGIN
    CREATE INDEX [IX_Patients_NormalizedMedicalRecordNumber] ON [Patients] ([NormalizedMedicalRecordNumber]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206000056_TreatmentCourses'
)
BEGIN
    CREATE INDEX [IX_SessionCalls_DoneAtUtc_DueOn] ON [SessionCalls] ([DoneAtUtc], [DueOn]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206000056_TreatmentCourses'
)
BEGIN
    CREATE UNIQUE INDEX [IX_SessionCalls_SessionId_Day] ON [SessionCalls] ([SessionId], [Day]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206000056_TreatmentCourses'
)
BEGIN
    CREATE INDEX [IX_TreatmentCourses_DoctorUserId_LastSessionOn] ON [TreatmentCourses] ([DoctorUserId], [LastSessionOn]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206000056_TreatmentCourses'
)
BEGIN
    CREATE INDEX [IX_TreatmentCourses_PatientId_StartedAtUtc] ON [TreatmentCourses] ([PatientId], [StartedAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206000056_TreatmentCourses'
)
BEGIN
    CREATE INDEX [IX_TreatmentCourses_State_LastSessionOn] ON [TreatmentCourses] ([State], [LastSessionOn]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206000056_TreatmentCourses'
)
BEGIN
    CREATE INDEX [IX_TreatmentCourses_State_SessionsWithoutResponse] ON [TreatmentCourses] ([State], [SessionsWithoutResponse]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206000056_TreatmentCourses'
)
BEGIN
    CREATE INDEX [IX_TreatmentCourses_State_SessionsWithProgression] ON [TreatmentCourses] ([State], [SessionsWithProgression]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206000056_TreatmentCourses'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [UX_TreatmentCourses_ActivePatient] ON [TreatmentCourses] ([PatientId]) WHERE [State] = ''Active''');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206000056_TreatmentCourses'
)
BEGIN
    ALTER TABLE [Referrals] ADD CONSTRAINT [FK_Referrals_Patients_PatientId] FOREIGN KEY ([PatientId]) REFERENCES [Patients] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206000056_TreatmentCourses'
)
BEGIN
    ALTER TABLE [Referrals] ADD CONSTRAINT [FK_Referrals_TreatmentCourses_CourseId] FOREIGN KEY ([CourseId]) REFERENCES [TreatmentCourses] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206000056_TreatmentCourses'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206000056_TreatmentCourses', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206024811_FhirIntegrationClients'
)
BEGIN
    CREATE TABLE [IntegrationClients] (
        [Id] uniqueidentifier NOT NULL,
        [Name] nvarchar(100) NOT NULL,
        [ClientId] nvarchar(64) NOT NULL,
        [DoctorUserId] nvarchar(450) NOT NULL,
        [Scopes] nvarchar(1000) NOT NULL,
        [KeySetJson] nvarchar(max) NOT NULL,
        [KeyIds] nvarchar(max) NOT NULL,
        [CreatedAtUtc] datetime2 NOT NULL,
        [KeysChangedAtUtc] datetime2 NOT NULL,
        [DisabledAtUtc] datetime2 NULL,
        [Version] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_IntegrationClients] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206024811_FhirIntegrationClients'
)
BEGIN
    CREATE TABLE [OpenIddictApplications] (
        [Id] nvarchar(450) NOT NULL,
        [ApplicationType] nvarchar(50) NULL,
        [ClientId] nvarchar(100) NULL,
        [ClientSecret] nvarchar(max) NULL,
        [ClientType] nvarchar(50) NULL,
        [ConcurrencyToken] nvarchar(50) NULL,
        [ConsentType] nvarchar(50) NULL,
        [DisplayName] nvarchar(max) NULL,
        [DisplayNames] nvarchar(max) NULL,
        [JsonWebKeySet] nvarchar(max) NULL,
        [Permissions] nvarchar(max) NULL,
        [PostLogoutRedirectUris] nvarchar(max) NULL,
        [Properties] nvarchar(max) NULL,
        [RedirectUris] nvarchar(max) NULL,
        [Requirements] nvarchar(max) NULL,
        [Settings] nvarchar(max) NULL,
        CONSTRAINT [PK_OpenIddictApplications] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206024811_FhirIntegrationClients'
)
BEGIN
    CREATE TABLE [OpenIddictScopes] (
        [Id] nvarchar(450) NOT NULL,
        [ConcurrencyToken] nvarchar(50) NULL,
        [Description] nvarchar(max) NULL,
        [Descriptions] nvarchar(max) NULL,
        [DisplayName] nvarchar(max) NULL,
        [DisplayNames] nvarchar(max) NULL,
        [Name] nvarchar(200) NULL,
        [Properties] nvarchar(max) NULL,
        [Resources] nvarchar(max) NULL,
        CONSTRAINT [PK_OpenIddictScopes] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206024811_FhirIntegrationClients'
)
BEGIN
    CREATE TABLE [UsedClientAssertions] (
        [Id] bigint NOT NULL IDENTITY,
        [ClientId] nvarchar(64) NOT NULL,
        [Jti] nvarchar(200) NOT NULL,
        [ExpiresAtUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_UsedClientAssertions] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206024811_FhirIntegrationClients'
)
BEGIN
    CREATE TABLE [OpenIddictAuthorizations] (
        [Id] nvarchar(450) NOT NULL,
        [ApplicationId] nvarchar(450) NULL,
        [ConcurrencyToken] nvarchar(50) NULL,
        [CreationDate] datetime2 NULL,
        [Properties] nvarchar(max) NULL,
        [Scopes] nvarchar(max) NULL,
        [Status] nvarchar(50) NULL,
        [Subject] nvarchar(400) NULL,
        [Type] nvarchar(50) NULL,
        CONSTRAINT [PK_OpenIddictAuthorizations] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_OpenIddictAuthorizations_OpenIddictApplications_ApplicationId] FOREIGN KEY ([ApplicationId]) REFERENCES [OpenIddictApplications] ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206024811_FhirIntegrationClients'
)
BEGIN
    CREATE TABLE [OpenIddictTokens] (
        [Id] nvarchar(450) NOT NULL,
        [ApplicationId] nvarchar(450) NULL,
        [AuthorizationId] nvarchar(450) NULL,
        [ConcurrencyToken] nvarchar(50) NULL,
        [CreationDate] datetime2 NULL,
        [ExpirationDate] datetime2 NULL,
        [Payload] nvarchar(max) NULL,
        [Properties] nvarchar(max) NULL,
        [RedemptionDate] datetime2 NULL,
        [ReferenceId] nvarchar(100) NULL,
        [Status] nvarchar(50) NULL,
        [Subject] nvarchar(400) NULL,
        [Type] nvarchar(150) NULL,
        CONSTRAINT [PK_OpenIddictTokens] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_OpenIddictTokens_OpenIddictApplications_ApplicationId] FOREIGN KEY ([ApplicationId]) REFERENCES [OpenIddictApplications] ([Id]),
        CONSTRAINT [FK_OpenIddictTokens_OpenIddictAuthorizations_AuthorizationId] FOREIGN KEY ([AuthorizationId]) REFERENCES [OpenIddictAuthorizations] ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206024811_FhirIntegrationClients'
)
BEGIN
    CREATE UNIQUE INDEX [IX_IntegrationClients_ClientId] ON [IntegrationClients] ([ClientId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206024811_FhirIntegrationClients'
)
BEGIN
    CREATE INDEX [IX_IntegrationClients_DoctorUserId] ON [IntegrationClients] ([DoctorUserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206024811_FhirIntegrationClients'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_OpenIddictApplications_ClientId] ON [OpenIddictApplications] ([ClientId]) WHERE [ClientId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206024811_FhirIntegrationClients'
)
BEGIN
    CREATE INDEX [IX_OpenIddictAuthorizations_ApplicationId_Status_Subject_Type] ON [OpenIddictAuthorizations] ([ApplicationId], [Status], [Subject], [Type]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206024811_FhirIntegrationClients'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_OpenIddictScopes_Name] ON [OpenIddictScopes] ([Name]) WHERE [Name] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206024811_FhirIntegrationClients'
)
BEGIN
    CREATE INDEX [IX_OpenIddictTokens_ApplicationId_Status_Subject_Type] ON [OpenIddictTokens] ([ApplicationId], [Status], [Subject], [Type]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206024811_FhirIntegrationClients'
)
BEGIN
    CREATE INDEX [IX_OpenIddictTokens_AuthorizationId] ON [OpenIddictTokens] ([AuthorizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206024811_FhirIntegrationClients'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_OpenIddictTokens_ReferenceId] ON [OpenIddictTokens] ([ReferenceId]) WHERE [ReferenceId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206024811_FhirIntegrationClients'
)
BEGIN
    CREATE UNIQUE INDEX [IX_UsedClientAssertions_ClientId_Jti] ON [UsedClientAssertions] ([ClientId], [Jti]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206024811_FhirIntegrationClients'
)
BEGIN
    CREATE INDEX [IX_UsedClientAssertions_ExpiresAtUtc] ON [UsedClientAssertions] ([ExpiresAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206024811_FhirIntegrationClients'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206024811_FhirIntegrationClients', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206033747_ResourceClaims'
)
BEGIN
    ALTER TABLE [Bookings] ADD [PhysicianId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206033747_ResourceClaims'
)
BEGIN
    ALTER TABLE [Bookings] ADD [RecoveryEndsUtc] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206033747_ResourceClaims'
)
BEGIN
    ALTER TABLE [Bookings] ADD [RecoveryUnitId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206033747_ResourceClaims'
)
BEGIN
    ALTER TABLE [Bookings] ADD [SedationNurseId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206033747_ResourceClaims'
)
BEGIN
    CREATE TABLE [ProcedureRequirements] (
        [Id] uniqueidentifier NOT NULL,
        [RequiresPhysician] bit NOT NULL,
        [RequiresSedationNurse] bit NOT NULL,
        [RequiresRecoveryBay] bit NOT NULL,
        [RecoveryMinutes] int NOT NULL,
        [UpdatedAtUtc] datetime2 NOT NULL,
        [UpdatedBy] nvarchar(256) NOT NULL,
        CONSTRAINT [PK_ProcedureRequirements] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206033747_ResourceClaims'
)
BEGIN
    CREATE TABLE [Resources] (
        [Id] uniqueidentifier NOT NULL,
        [Kind] nvarchar(16) NOT NULL,
        [Name] nvarchar(100) NOT NULL,
        [NormalizedName] nvarchar(100) NOT NULL,
        [Capacity] int NOT NULL,
        [IsActive] bit NOT NULL,
        [UserId] nvarchar(450) NULL,
        [CreatedAtUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_Resources] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206033747_ResourceClaims'
)
BEGIN
    CREATE TABLE [CapacityHolds] (
        [Id] uniqueidentifier NOT NULL,
        [SlotId] uniqueidentifier NOT NULL,
        [ReferralId] uniqueidentifier NULL,
        [PhysicianId] uniqueidentifier NULL,
        [SedationNurseId] uniqueidentifier NULL,
        [RecoveryUnitId] uniqueidentifier NULL,
        [ExpiresAtUtc] datetime2 NOT NULL,
        [HeldBy] nvarchar(256) NOT NULL,
        [CreatedAtUtc] datetime2 NOT NULL,
        [EndedAtUtc] datetime2 NULL,
        [BookingId] uniqueidentifier NULL,
        CONSTRAINT [PK_CapacityHolds] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_CapacityHolds_Bookings_BookingId] FOREIGN KEY ([BookingId]) REFERENCES [Bookings] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_CapacityHolds_Referrals_ReferralId] FOREIGN KEY ([ReferralId]) REFERENCES [Referrals] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_CapacityHolds_Resources_PhysicianId] FOREIGN KEY ([PhysicianId]) REFERENCES [Resources] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_CapacityHolds_Resources_RecoveryUnitId] FOREIGN KEY ([RecoveryUnitId]) REFERENCES [Resources] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_CapacityHolds_Resources_SedationNurseId] FOREIGN KEY ([SedationNurseId]) REFERENCES [Resources] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_CapacityHolds_Slots_SlotId] FOREIGN KEY ([SlotId]) REFERENCES [Slots] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206033747_ResourceClaims'
)
BEGIN
    CREATE TABLE [Unavailabilities] (
        [Id] uniqueidentifier NOT NULL,
        [ResourceId] uniqueidentifier NOT NULL,
        [StartUtc] datetime2 NOT NULL,
        [EndUtc] datetime2 NOT NULL,
        [FirstUnit] int NOT NULL,
        [EndUnit] int NOT NULL,
        [Kind] nvarchar(16) NOT NULL,
        [Note] nvarchar(200) NULL,
        [SeriesId] uniqueidentifier NULL,
        [CreatedBy] nvarchar(256) NOT NULL,
        [CreatedAtUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_Unavailabilities] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Unavailabilities_Resources_ResourceId] FOREIGN KEY ([ResourceId]) REFERENCES [Resources] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206033747_ResourceClaims'
)
BEGIN
    CREATE TABLE [WeeklyHours] (
        [Id] uniqueidentifier NOT NULL,
        [ResourceId] uniqueidentifier NOT NULL,
        [Weekday] nvarchar(9) NOT NULL,
        [From] time NOT NULL,
        [To] time NOT NULL,
        CONSTRAINT [PK_WeeklyHours] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_WeeklyHours_Resources_ResourceId] FOREIGN KEY ([ResourceId]) REFERENCES [Resources] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206033747_ResourceClaims'
)
BEGIN
    CREATE TABLE [ResourceClaims] (
        [ResourceId] uniqueidentifier NOT NULL,
        [Unit] int NOT NULL,
        [Seat] int NOT NULL,
        [BookingId] uniqueidentifier NULL,
        [HoldId] uniqueidentifier NULL,
        [ExpiresAtUtc] datetime2 NULL,
        CONSTRAINT [PK_ResourceClaims] PRIMARY KEY ([ResourceId], [Unit], [Seat]),
        CONSTRAINT [CK_ResourceClaims_OneOwner] CHECK ((CASE WHEN [BookingId] IS NULL THEN 0 ELSE 1 END) + (CASE WHEN [HoldId] IS NULL THEN 0 ELSE 1 END) = 1),
        CONSTRAINT [FK_ResourceClaims_Bookings_BookingId] FOREIGN KEY ([BookingId]) REFERENCES [Bookings] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_ResourceClaims_CapacityHolds_HoldId] FOREIGN KEY ([HoldId]) REFERENCES [CapacityHolds] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_ResourceClaims_Resources_ResourceId] FOREIGN KEY ([ResourceId]) REFERENCES [Resources] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206033747_ResourceClaims'
)
BEGIN
    CREATE INDEX [IX_Bookings_PhysicianId] ON [Bookings] ([PhysicianId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206033747_ResourceClaims'
)
BEGIN
    CREATE INDEX [IX_Bookings_RecoveryUnitId] ON [Bookings] ([RecoveryUnitId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206033747_ResourceClaims'
)
BEGIN
    CREATE INDEX [IX_Bookings_SedationNurseId] ON [Bookings] ([SedationNurseId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206033747_ResourceClaims'
)
BEGIN
    CREATE INDEX [IX_CapacityHolds_BookingId] ON [CapacityHolds] ([BookingId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206033747_ResourceClaims'
)
BEGIN
    CREATE INDEX [IX_CapacityHolds_ExpiresAtUtc] ON [CapacityHolds] ([ExpiresAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206033747_ResourceClaims'
)
BEGIN
    CREATE INDEX [IX_CapacityHolds_PhysicianId] ON [CapacityHolds] ([PhysicianId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206033747_ResourceClaims'
)
BEGIN
    CREATE INDEX [IX_CapacityHolds_RecoveryUnitId] ON [CapacityHolds] ([RecoveryUnitId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206033747_ResourceClaims'
)
BEGIN
    CREATE INDEX [IX_CapacityHolds_ReferralId] ON [CapacityHolds] ([ReferralId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206033747_ResourceClaims'
)
BEGIN
    CREATE INDEX [IX_CapacityHolds_SedationNurseId] ON [CapacityHolds] ([SedationNurseId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206033747_ResourceClaims'
)
BEGIN
    CREATE INDEX [IX_CapacityHolds_SlotId] ON [CapacityHolds] ([SlotId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206033747_ResourceClaims'
)
BEGIN
    CREATE INDEX [IX_ResourceClaims_BookingId] ON [ResourceClaims] ([BookingId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206033747_ResourceClaims'
)
BEGIN
    CREATE INDEX [IX_ResourceClaims_HoldId] ON [ResourceClaims] ([HoldId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206033747_ResourceClaims'
)
BEGIN
    CREATE INDEX [IX_ResourceClaims_Unit] ON [ResourceClaims] ([Unit], [ResourceId], [Seat], [ExpiresAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206033747_ResourceClaims'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Resources_Kind_NormalizedName] ON [Resources] ([Kind], [NormalizedName]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206033747_ResourceClaims'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Resources_Kind_UserId] ON [Resources] ([Kind], [UserId]) WHERE [UserId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206033747_ResourceClaims'
)
BEGIN
    CREATE INDEX [IX_Unavailabilities_EndUnit_FirstUnit] ON [Unavailabilities] ([EndUnit], [FirstUnit]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206033747_ResourceClaims'
)
BEGIN
    CREATE INDEX [IX_Unavailabilities_ResourceId_StartUtc] ON [Unavailabilities] ([ResourceId], [StartUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206033747_ResourceClaims'
)
BEGIN
    CREATE INDEX [IX_Unavailabilities_SeriesId] ON [Unavailabilities] ([SeriesId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206033747_ResourceClaims'
)
BEGIN
    CREATE UNIQUE INDEX [IX_WeeklyHours_ResourceId_Weekday] ON [WeeklyHours] ([ResourceId], [Weekday]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206033747_ResourceClaims'
)
BEGIN
    ALTER TABLE [Bookings] ADD CONSTRAINT [FK_Bookings_Resources_PhysicianId] FOREIGN KEY ([PhysicianId]) REFERENCES [Resources] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206033747_ResourceClaims'
)
BEGIN
    ALTER TABLE [Bookings] ADD CONSTRAINT [FK_Bookings_Resources_RecoveryUnitId] FOREIGN KEY ([RecoveryUnitId]) REFERENCES [Resources] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206033747_ResourceClaims'
)
BEGIN
    ALTER TABLE [Bookings] ADD CONSTRAINT [FK_Bookings_Resources_SedationNurseId] FOREIGN KEY ([SedationNurseId]) REFERENCES [Resources] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206033747_ResourceClaims'
)
BEGIN
    INSERT INTO [Resources] ([Id], [Kind], [Name], [NormalizedName], [Capacity], [IsActive], [UserId], [CreatedAtUtc])
    SELECT [Id], N'Room', [Name], [NormalizedName], 1, CAST(1 AS bit), NULL, [CreatedAtUtc] FROM [Rooms];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206033747_ResourceClaims'
)
BEGIN
    INSERT INTO [Resources] ([Id], [Kind], [Name], [NormalizedName], [Capacity], [IsActive], [UserId], [CreatedAtUtc])
    SELECT '5AC3E0DE-7ACE-4000-8000-000000000002', N'RecoveryUnit', N'Recovery bays', N'RECOVERY BAYS', m.[Bays], CAST(1 AS bit), NULL, SYSUTCDATETIME()
    FROM (
        SELECT MAX(l.[Patients]) AS [Bays]
        FROM (
            SELECT w.[First] + n.[i] AS [Unit], COUNT(*) AS [Patients]
            FROM (
                SELECT CAST(DATEDIFF_BIG(SECOND, '1970-01-01', [EndUtc]) / 1800 AS int) AS [First],
                       CAST((DATEDIFF_BIG(SECOND, '1970-01-01', [EndUtc]) + 14400 + 1799) / 1800 AS int) AS [End]
                FROM [Slots]) AS w
            INNER JOIN (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14), (15)) AS n ([i]) ON w.[First] + n.[i] < w.[End]
            GROUP BY w.[First] + n.[i]) AS l) AS m
    WHERE m.[Bays] IS NOT NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206033747_ResourceClaims'
)
BEGIN
    INSERT INTO [WeeklyHours] ([Id], [ResourceId], [Weekday], [From], [To])
    SELECT d.[Id], r.[Id], d.[Weekday], '00:00:00', '23:59:00'
    FROM [Resources] AS r CROSS JOIN (VALUES (N'Monday', '5AC3E0DE-7ACE-4000-8000-000000000010'), (N'Tuesday', '5AC3E0DE-7ACE-4000-8000-000000000011'), (N'Wednesday', '5AC3E0DE-7ACE-4000-8000-000000000012'), (N'Thursday', '5AC3E0DE-7ACE-4000-8000-000000000013'), (N'Friday', '5AC3E0DE-7ACE-4000-8000-000000000014'), (N'Saturday', '5AC3E0DE-7ACE-4000-8000-000000000015'), (N'Sunday', '5AC3E0DE-7ACE-4000-8000-000000000016')) AS d ([Weekday], [Id])
    WHERE r.[Id] = '5AC3E0DE-7ACE-4000-8000-000000000002';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206033747_ResourceClaims'
)
BEGIN
    INSERT INTO [ResourceClaims] ([ResourceId], [Unit], [Seat], [BookingId], [HoldId], [ExpiresAtUtc])
    SELECT u.[RoomId], u.[Unit], CAST(ROW_NUMBER() OVER (PARTITION BY u.[RoomId], u.[Unit] ORDER BY u.[StartUtc], u.[BookingId]) - 1 AS int), u.[BookingId], NULL, NULL
    FROM (
        SELECT h.[BookingId], h.[RoomId], h.[StartUtc], h.[First] + n.[i] AS [Unit]
        FROM (
            SELECT b.[Id] AS [BookingId], s.[RoomId], s.[StartUtc],
                   CAST(DATEDIFF_BIG(SECOND, '1970-01-01', s.[StartUtc]) / 1800 AS int) AS [First],
                   CAST((DATEDIFF_BIG(SECOND, '1970-01-01', s.[EndUtc]) + 1799) / 1800 AS int) AS [End]
            FROM [Bookings] AS b INNER JOIN [Slots] AS s ON s.[Id] = b.[SlotId]
            WHERE b.[Status] IN (N'PendingConfirmation', N'Confirmed', N'Completed')) AS h
        INNER JOIN (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14), (15)) AS n ([i]) ON h.[First] + n.[i] < h.[End]) AS u;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206033747_ResourceClaims'
)
BEGIN
    INSERT INTO [ResourceClaims] ([ResourceId], [Unit], [Seat], [BookingId], [HoldId], [ExpiresAtUtc])
    SELECT '5AC3E0DE-7ACE-4000-8000-000000000002', u.[Unit], CAST(ROW_NUMBER() OVER (PARTITION BY u.[Unit] ORDER BY u.[StartUtc], u.[BookingId]) - 1 AS int), u.[BookingId], NULL, NULL
    FROM (
        SELECT h.[BookingId], h.[StartUtc], h.[First] + n.[i] AS [Unit]
        FROM (
            SELECT b.[Id] AS [BookingId], s.[StartUtc],
                   CAST(DATEDIFF_BIG(SECOND, '1970-01-01', s.[EndUtc]) / 1800 AS int) AS [First],
                   CAST((DATEDIFF_BIG(SECOND, '1970-01-01', s.[EndUtc]) + 14400 + 1799) / 1800 AS int) AS [End]
            FROM [Bookings] AS b INNER JOIN [Slots] AS s ON s.[Id] = b.[SlotId]
            WHERE b.[Status] IN (N'PendingConfirmation', N'Confirmed', N'Completed')) AS h
        INNER JOIN (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14), (15)) AS n ([i]) ON h.[First] + n.[i] < h.[End]) AS u
    WHERE EXISTS (SELECT 1 FROM [Resources] WHERE [Id] = '5AC3E0DE-7ACE-4000-8000-000000000002');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206033747_ResourceClaims'
)
BEGIN
    UPDATE b
    SET b.[RecoveryUnitId] = '5AC3E0DE-7ACE-4000-8000-000000000002', b.[RecoveryEndsUtc] = DATEADD(MINUTE, 240, s.[EndUtc])
    FROM [Bookings] AS b INNER JOIN [Slots] AS s ON s.[Id] = b.[SlotId]
    WHERE b.[Status] IN (N'PendingConfirmation', N'Confirmed', N'Completed') AND EXISTS (SELECT 1 FROM [Resources] WHERE [Id] = '5AC3E0DE-7ACE-4000-8000-000000000002');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206033747_ResourceClaims'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206033747_ResourceClaims', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206072509_ClinicSettings'
)
BEGIN
    CREATE TABLE [StoredSettings] (
        [Id] uniqueidentifier NOT NULL,
        [Section] nvarchar(64) NOT NULL,
        [ValuesJson] nvarchar(max) NOT NULL,
        [Revision] int NOT NULL,
        [UpdatedAtUtc] datetime2 NOT NULL,
        [UpdatedBy] nvarchar(256) NOT NULL,
        CONSTRAINT [PK_StoredSettings] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206072509_ClinicSettings'
)
BEGIN
    CREATE UNIQUE INDEX [IX_StoredSettings_Section] ON [StoredSettings] ([Section]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206072509_ClinicSettings'
)
BEGIN
    UPDATE [MessageTemplates] SET [Kind] = 'PatientReminder' WHERE [Kind] = 'PatientReminder24h';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206072509_ClinicSettings'
)
BEGIN
    UPDATE [MessageTemplates] SET [Kind] = 'PatientReminder' WHERE [Kind] = 'PatientReminder72h' AND NOT EXISTS (SELECT 1 FROM [MessageTemplates] t WHERE t.[Kind] = 'PatientReminder');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206072509_ClinicSettings'
)
BEGIN
    DELETE FROM [MessageTemplates] WHERE [Kind] = 'PatientReminder72h';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206072509_ClinicSettings'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206072509_ClinicSettings', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206104343_OutboxDueTime'
)
BEGIN
    ALTER TABLE [OutboxMessages] ADD [DueAtUtc] datetime2 NOT NULL DEFAULT '0001-01-01T00:00:00.0000000';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206104343_OutboxDueTime'
)
BEGIN
    UPDATE [OutboxMessages] SET [DueAtUtc] = [NextAttemptAtUtc];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206104343_OutboxDueTime'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206104343_OutboxDueTime', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206120702_PatientLanguagesAndTexts'
)
BEGIN
    DROP INDEX [IX_MessageTemplates_Kind] ON [MessageTemplates];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206120702_PatientLanguagesAndTexts'
)
BEGIN
    EXEC sp_rename N'[OutboxMessages].[SmtpMessageId]', N'SentMessageId', 'COLUMN';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206120702_PatientLanguagesAndTexts'
)
BEGIN
    ALTER TABLE [Referrals] ADD [InterpreterLanguage] nvarchar(50) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206120702_PatientLanguagesAndTexts'
)
BEGIN
    UPDATE [Referrals] SET [InterpreterLanguage] = TRIM([PreferredLanguage]), [PreferredLanguage] = 'other' WHERE TRIM([PreferredLanguage]) <> '' AND NOT (LOWER(TRIM([PreferredLanguage])) IN ('en', 'english', N'inglés', 'ingles') OR LOWER(TRIM([PreferredLanguage])) LIKE 'en-%' OR LOWER(TRIM([PreferredLanguage])) IN ('es', 'spanish', N'español', 'espanol', 'castellano') OR LOWER(TRIM([PreferredLanguage])) LIKE 'es-%');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206120702_PatientLanguagesAndTexts'
)
BEGIN
    UPDATE [Referrals] SET [PreferredLanguage] = 'en' WHERE LOWER(TRIM([PreferredLanguage])) IN ('en', 'english', N'inglés', 'ingles') OR LOWER(TRIM([PreferredLanguage])) LIKE 'en-%';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206120702_PatientLanguagesAndTexts'
)
BEGIN
    UPDATE [Referrals] SET [PreferredLanguage] = 'es' WHERE LOWER(TRIM([PreferredLanguage])) IN ('es', 'spanish', N'español', 'espanol', 'castellano') OR LOWER(TRIM([PreferredLanguage])) LIKE 'es-%';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206120702_PatientLanguagesAndTexts'
)
BEGIN
    ALTER TABLE [Referrals] ADD [PatientMobile] nvarchar(16) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206120702_PatientLanguagesAndTexts'
)
BEGIN
    ALTER TABLE [Referrals] ADD [TextConsent] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206120702_PatientLanguagesAndTexts'
)
BEGIN
    ALTER TABLE [Referrals] ADD [TextSettingsChangedAtUtc] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206120702_PatientLanguagesAndTexts'
)
BEGIN
    ALTER TABLE [OutboxMessages] ADD [Channel] nvarchar(8) NOT NULL DEFAULT N'Email';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206120702_PatientLanguagesAndTexts'
)
BEGIN
    ALTER TABLE [OutboxMessages] ADD [DeliveryStatus] nvarchar(20) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206120702_PatientLanguagesAndTexts'
)
BEGIN
    ALTER TABLE [MessageTemplates] ADD [Language] nvarchar(10) NOT NULL DEFAULT N'en';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206120702_PatientLanguagesAndTexts'
)
BEGIN
    ALTER TABLE [Bookings] ADD [InterpreterCalledAtUtc] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206120702_PatientLanguagesAndTexts'
)
BEGIN
    CREATE TABLE [TextOptOuts] (
        [Id] uniqueidentifier NOT NULL,
        [PhoneNumber] nvarchar(16) NOT NULL,
        [OptedOutAtUtc] datetime2 NOT NULL,
        [Keyword] nvarchar(20) NOT NULL,
        CONSTRAINT [PK_TextOptOuts] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206120702_PatientLanguagesAndTexts'
)
BEGIN
    CREATE INDEX [IX_Referrals_PatientMobile] ON [Referrals] ([PatientMobile]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206120702_PatientLanguagesAndTexts'
)
BEGIN
    CREATE UNIQUE INDEX [IX_MessageTemplates_Kind_Language] ON [MessageTemplates] ([Kind], [Language]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206120702_PatientLanguagesAndTexts'
)
BEGIN
    CREATE UNIQUE INDEX [IX_TextOptOuts_PhoneNumber] ON [TextOptOuts] ([PhoneNumber]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206120702_PatientLanguagesAndTexts'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206120702_PatientLanguagesAndTexts', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206143611_SignInThrottleAndResetRequests'
)
BEGIN
    CREATE TABLE [KnownDevices] (
        [Id] bigint NOT NULL IDENTITY,
        [EmailKey] binary(32) NOT NULL,
        [DeviceKey] binary(32) NOT NULL,
        [LastSignInAtUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_KnownDevices] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206143611_SignInThrottleAndResetRequests'
)
BEGIN
    CREATE TABLE [PasswordResetRequests] (
        [Id] uniqueidentifier NOT NULL,
        [Email] nvarchar(256) NOT NULL,
        [RequestedAtUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_PasswordResetRequests] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206143611_SignInThrottleAndResetRequests'
)
BEGIN
    CREATE TABLE [SignInAttempts] (
        [Id] bigint NOT NULL IDENTITY,
        [EmailKey] binary(32) NOT NULL,
        [ClientKey] binary(32) NOT NULL,
        [FromKnownDevice] bit NOT NULL,
        [AtUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_SignInAttempts] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206143611_SignInThrottleAndResetRequests'
)
BEGIN
    CREATE UNIQUE INDEX [IX_KnownDevices_EmailKey_DeviceKey] ON [KnownDevices] ([EmailKey], [DeviceKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206143611_SignInThrottleAndResetRequests'
)
BEGIN
    CREATE INDEX [IX_KnownDevices_LastSignInAtUtc] ON [KnownDevices] ([LastSignInAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206143611_SignInThrottleAndResetRequests'
)
BEGIN
    CREATE INDEX [IX_PasswordResetRequests_RequestedAtUtc] ON [PasswordResetRequests] ([RequestedAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206143611_SignInThrottleAndResetRequests'
)
BEGIN
    CREATE INDEX [IX_SignInAttempts_AtUtc] ON [SignInAttempts] ([AtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206143611_SignInThrottleAndResetRequests'
)
BEGIN
    CREATE INDEX [IX_SignInAttempts_EmailKey_AtUtc] ON [SignInAttempts] ([EmailKey], [AtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206143611_SignInThrottleAndResetRequests'
)
BEGIN
    CREATE INDEX [IX_SignInAttempts_EmailKey_ClientKey_AtUtc] ON [SignInAttempts] ([EmailKey], [ClientKey], [AtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206143611_SignInThrottleAndResetRequests'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206143611_SignInThrottleAndResetRequests', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206202103_QueueOrder'
)
BEGIN
    DROP INDEX [IX_Referrals_Status_ReadyToScheduleSinceUtc] ON [Referrals];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206202103_QueueOrder'
)
BEGIN
    ALTER TABLE [Referrals] ADD [QueueRank] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206202103_QueueOrder'
)
BEGIN
    ALTER TABLE [Referrals] ADD [QueueSinceUtc] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206202103_QueueOrder'
)
BEGIN
    UPDATE [Referrals] SET [QueueRank] = CASE WHEN [Urgency] = 'Urgent' THEN 0 ELSE 1 END, [QueueSinceUtc] = CASE [Status] WHEN 'AwaitingReview' THEN COALESCE([SubmittedAtUtc], [CreatedAtUtc]) WHEN 'ReadyToSchedule' THEN COALESCE([ReadyToScheduleSinceUtc], [UpdatedAtUtc]) ELSE NULL END;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206202103_QueueOrder'
)
BEGIN
    CREATE INDEX [IX_Referrals_Status_QueueRank_QueueSinceUtc_Id] ON [Referrals] ([Status], [QueueRank], [QueueSinceUtc], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206202103_QueueOrder'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206202103_QueueOrder', N'10.0.15');
END;

COMMIT;
GO


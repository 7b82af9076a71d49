using System.Security.Cryptography.X509Certificates;

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

using Scheduling.TestSupport;
using Scheduling.Web.Composition;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Production;

/// <summary>Every settings section is checked before the app is built; a bad value names its key and rule.</summary>
public sealed class SettingsAtStartTests
{
    public static TheoryData<string, string, string> InvalidSettings => new()
    {
        { "RateLimits:SignInPerMinute", "0", "RateLimits:SignInPerMinute must be between 1 and 100000" },
        { "RateLimits:PatientLinkPerMinute", "many", "'RateLimits:PatientLinkPerMinute'" },
        { "Security:IdleTimeoutMinutes", "0", "Security:IdleTimeoutMinutes must be between 1 and 1440" },
        { "Jobs:WorkerCount", "0", "Jobs:WorkerCount must be between 1 and 64" },
        { "Jobs:RunServer", "sometimes", "'Jobs:RunServer'" },
        { "Email:FromAddress", "not an address", "Email:FromAddress must be an email address" },
        { "Email:Smtp:Port", "70000", "Email:Smtp:Port must be between 1 and 65535" },
        { "Email:RetryDelaysSeconds:0", "0", "Email:RetryDelaysSeconds must all be at least 1 second" },
        { "Clinic:TimeZone", "Mars/Olympus_Mons", "Clinic:TimeZone 'Mars/Olympus_Mons' is not a known IANA time zone" },
        { "Clinic:PublicBaseUrl", "ftp://clinic.example", "Clinic:PublicBaseUrl must be an absolute http(s) URL" },
        { "Slots:HorizonDays", "0", "Slots:HorizonDays must be between 1 and" },
        { "Eligibility:EcogMaxEligible", "9", "Eligibility:EcogMaxEligible" },
        { "Network:KnownProxies:0", "proxy.local", "Network:KnownProxies:0 must be an IP address" },
        { "Network:KnownNetworks:0", "10.0.0.0/99", "Network:KnownNetworks:0 must be a CIDR range" },
        { "Network:PathBase", "tace", "Network:PathBase must be a path such as /tace" },
        { "Audit:RetentionYears", "1", "Audit:RetentionYears must be at least 6" },
        { "Database:Provider", "Oracle", "'Database:Provider'" },
        { "Database:MigrateAtStartup", "maybe", "'Database:MigrateAtStartup'" },
        { "Security:AbsoluteSessionHours", "0", "Security:AbsoluteSessionHours must be more than 0" },
        { "Security:InvitationLifetimeHours", "0", "Security:InvitationLifetimeHours must be between 1 and 720" },
        { "Confirmation:CutoffHours", "-1", "Confirmation:CutoffHours must be between 0 and" },
        { "Bootstrap:AdminEmail", "it-at-clinic", "Bootstrap:AdminEmail must be an email address" },
        { "Demo:SeedSchedule", "often", "'Demo:SeedSchedule'" },
        { "ConnectionStrings:Scheduling", "this is not a connection string", "ConnectionStrings:Scheduling is not a valid Sqlite connection string" },
        { "OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4317", "OTEL_EXPORTER_OTLP_ENDPOINT must be an absolute http(s) URL" },
        { "OTEL_EXPORTER_OTLP_PROTOCOL", "http/json", "OTEL_EXPORTER_OTLP_PROTOCOL must be grpc or http/protobuf" },
    };

    public static TheoryData<string, string, string> InvalidConnections => new()
    {
        { "SqlServer", "", "ConnectionStrings:Scheduling must be set when Database:Provider is SqlServer" },
        { "PostgreSql", "", "ConnectionStrings:Scheduling must be set when Database:Provider is PostgreSql" },
        { "SqlServer", "Server=db;Colour=blue", "ConnectionStrings:Scheduling is not a valid SqlServer connection string" },
        { "SqlServer", "Database=Scheduling;User Id=app;Password=secret-value", "ConnectionStrings:Scheduling has no Server" },
        { "PostgreSql", "Hots=db;Database=scheduling", "ConnectionStrings:Scheduling is not a valid PostgreSql connection string" },
    };

    [Theory]
    [MemberData(nameof(InvalidConnections))]
    public void AMissingOrUnparsableConnectionString_StopsTheStart_WithoutPrintingIt(string provider, string connectionString, string expected)
    {
        var problems = StartupSettings.Problems(
            Configuration(new() { ["Database:Provider"] = provider, ["ConnectionStrings:Scheduling"] = connectionString }), Environment("Testing"));

        Assert.NotNull(problems);
        Assert.Contains(expected, problems, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", problems, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', problems);
    }

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void AnInvalidSetting_StopsTheStart_NamingItsKeyAndRule(string key, string value, string expected)
    {
        var problems = StartupSettings.Problems(Configuration(new() { [key] = value }), Environment("Testing"));

        Assert.NotNull(problems);
        Assert.Contains(expected, problems, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', problems);
    }

    [Fact]
    public void AStorageFolderThatCannotBeCreated_StopsTheStart()
    {
        var file = Path.GetTempFileName();
        try
        {
            var problems = StartupSettings.Problems(Configuration(new() { ["Storage:DataFolder"] = Path.Combine(file, "data") }), Environment("Testing"));

            Assert.NotNull(problems);
            Assert.Contains("Storage:DataFolder must be a folder the app can create and write", problems, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void DefaultSettings_OutsideProduction_AreValid() =>
        Assert.Null(StartupSettings.Problems(Configuration([]), Environment("Testing")));

    [Theory]
    [InlineData("Clinic:Name is the placeholder")]
    [InlineData("Clinic:Phone is the placeholder")]
    [InlineData("Clinic:Address is the placeholder")]
    [InlineData("Clinic:PublicBaseUrl points at this machine")]
    [InlineData("Email:Smtp:Host is not set")]
    [InlineData("Email:FromAddress is the placeholder")]
    public void Production_WithThePlaceholderClinicLocalLinksOrNoMailRelay_RefusesToStart(string expected)
    {
        var problems = StartupSettings.Problems(Configuration([]), Environment("Production"));

        Assert.NotNull(problems);
        Assert.Contains(expected, problems, StringComparison.Ordinal);
    }

    [Fact]
    public void Production_WithARealClinicAndRelay_Starts()
    {
        var problems = StartupSettings.Problems(Configuration(RealClinic()), Environment("Production"));

        Assert.Null(problems);
    }

    [Fact]
    public void Production_WithoutARelay_StartsOnlyWhenThePickupFolderIsExplicitlyAllowed()
    {
        var withoutRelay = RealClinic();
        withoutRelay.Remove("Email:Smtp:Host");
        Assert.Contains("Email:Smtp:Host is not set", StartupSettings.Problems(Configuration(withoutRelay), Environment("Production")), StringComparison.Ordinal);

        withoutRelay["Email:AllowPickupFolderInProduction"] = "true";
        Assert.Null(StartupSettings.Problems(Configuration(withoutRelay), Environment("Production")));
    }

    [Fact]
    public void Production_WithoutAKeyRingCertificate_RefusesToStart_UnlessTheOperatorAcceptsTheRisk()
    {
        var without = RealClinic();
        without.Remove("DataProtection:CertificatePath");
        without.Remove("DataProtection:CertificatePassword");

        var problems = StartupSettings.Problems(Configuration(without), Environment("Production"));
        Assert.Contains("DataProtection:CertificatePath is not set", problems, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', problems!);
        Assert.Null(StartupSettings.Problems(Configuration(without), Environment("Testing")));

        without["DataProtection:AcceptUnencryptedKeys"] = "true";
        Assert.Null(StartupSettings.Problems(Configuration(without), Environment("Production")));
    }

    [Theory]
    [InlineData("missing", "DataProtection:CertificatePath: there is no file at")]
    [InlineData("wrong password", "DataProtection:CertificatePassword does not open")]
    [InlineData("not a pfx", "DataProtection:CertificatePassword does not open")]
    [InlineData("no private key", "holds no private key")]
    [InlineData("password without path", "DataProtection:CertificatePassword is set but DataProtection:CertificatePath is not")]
    [InlineData("previous with wrong password", "DataProtection:PreviousCertificates:0:Password does not open")]
    public void AKeyRingCertificateThatCannotBeUsed_StopsTheStart_WithOneLineNamingTheKey(string fault, string expected)
    {
        var folder = Directory.CreateTempSubdirectory("tace-keys-").FullName;
        try
        {
            var good = KeyRingCertificates.Write(folder);
            var values = new Dictionary<string, string?>
            {
                ["DataProtection:CertificatePath"] = good,
                ["DataProtection:CertificatePassword"] = KeyRingCertificates.Password,
            };
            switch (fault)
            {
                case "missing":
                    values["DataProtection:CertificatePath"] = Path.Combine(folder, "dataprotection-2027.pfx");
                    break;
                case "wrong password":
                    values["DataProtection:CertificatePassword"] = "not the password";
                    break;
                case "not a pfx":
                    values["DataProtection:CertificatePath"] = Path.Combine(folder, "cert.pem");
                    File.WriteAllText(values["DataProtection:CertificatePath"]!, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
                    break;
                case "no private key":
                    values["DataProtection:CertificatePath"] = Path.Combine(folder, "public-only.pfx");
                    using (var withKey = X509CertificateLoader.LoadPkcs12FromFile(good, KeyRingCertificates.Password))
                    using (var publicOnly = X509CertificateLoader.LoadCertificate(withKey.RawData))
                    {
                        File.WriteAllBytes(values["DataProtection:CertificatePath"]!, publicOnly.Export(X509ContentType.Pkcs12, KeyRingCertificates.Password));
                    }

                    break;
                case "password without path":
                    values.Remove("DataProtection:CertificatePath");
                    break;
                case "previous with wrong password":
                    values["DataProtection:PreviousCertificates:0:Path"] = KeyRingCertificates.Write(folder, "dataprotection-2025.pfx");
                    values["DataProtection:PreviousCertificates:0:Password"] = "not the password";
                    break;
            }

            var problems = StartupSettings.Problems(Configuration(values), Environment("Testing"));

            Assert.NotNull(problems);
            Assert.Contains(expected, problems, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', problems);
            Assert.DoesNotContain("not the password", problems, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The built app as an operator starts it, with the settings that used to end in a stack trace and exit code 134.</summary>
    [Theory]
    [InlineData("RateLimits__SignInPerMinute=0", "RateLimits:SignInPerMinute must be between 1 and 100000 (is 0)")]
    [InlineData("Security__AbsoluteSessionHours=0", "Security:AbsoluteSessionHours must be more than 0")]
    [InlineData("Confirmation__CutoffHours=-1", "Confirmation:CutoffHours must be between 0 and")]
    [InlineData("Database__Provider=SqlServer", "ConnectionStrings:Scheduling must be set when Database:Provider is SqlServer")]
    [InlineData("ConnectionStrings__Scheduling=Data Source={folder}/no-such-folder/sub/scheduling.db", "ConnectionStrings:Scheduling: the database could not be used")]
    [InlineData("DataProtection__CertificatePath={folder}/keys/dataprotection.pfx", "DataProtection:CertificatePath: there is no file at")]
    public async Task TheApp_WithAnInvalidSetting_ExitsWithCodeOne_AndOneLineNamingTheKey(string setting, string expected)
    {
        var folder = Directory.CreateTempSubdirectory("tace-settings-").FullName;
        try
        {
            // A missing folder inside this test's own folder: one that exists elsewhere on the machine
            // (a leftover of another run) must not turn this case into an app that starts and serves.
            var (key, value) = (setting[..setting.IndexOf('=', StringComparison.Ordinal)], setting[(setting.IndexOf('=', StringComparison.Ordinal) + 1)..].Replace("{folder}", folder, StringComparison.Ordinal));
            var (exitCode, stdout, stderr) = await AppProcess.RunAsync(folder, new() { [key] = value }, TestContext.Current.CancellationToken);

            Assert.Equal(1, exitCode);
            var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains(expected, line, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Dictionary<string, string?> RealClinic() => new()
    {
        ["Clinic:Name"] = "Riverside Interventional Radiology",
        ["Clinic:Phone"] = "+1 617 555 0142",
        ["Clinic:Address"] = "200 River Street, Boston, MA",
        ["Clinic:PublicBaseUrl"] = "https://tace.riverside.example.org",
        ["Email:Smtp:Host"] = "smtp.riverside.example.org",
        ["Email:FromAddress"] = "ir-scheduling@riverside.example.org",
        ["DataProtection:CertificatePath"] = KeyRingCertificates.Shared,
        ["DataProtection:CertificatePassword"] = KeyRingCertificates.Password,
    };

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static IHostEnvironment Environment(string name) => new TestEnvironment(name);

    private sealed class TestEnvironment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Scheduling.Web";

        public string ContentRootPath { get; set; } = Path.GetTempPath();

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

using Scheduling.Infrastructure;
using Scheduling.Infrastructure.Persistence;

namespace Scheduling.Web.Composition;

/// <summary>
/// Configuration section "DataProtection": the certificate that encrypts the Data Protection key ring
/// where it is kept, in the database (and so in every backup). The ring's keys protect sign-in and
/// antiforgery cookies and the authenticator keys of two-factor; without the certificate anyone
/// holding a backup could read them. Production refuses to start without one unless
/// <see cref="AcceptUnencryptedKeys"/> says the operator accepts that risk. README, "Keys".
/// </summary>
public sealed class KeyRingOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>A PKCS#12 (.pfx) file with an RSA certificate and its private key; relative to the content root.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>
    /// Certificates used before a rotation (each with its own password): the keys they encrypted stay
    /// readable, new keys are encrypted with <see cref="CertificatePath"/>.
    /// </summary>
    public List<PreviousCertificate> PreviousCertificates { get; set; } = [];

    /// <summary>Production only: start with the key ring stored unencrypted, on purpose.</summary>
    public bool AcceptUnencryptedKeys { get; set; }

    /// <summary>Each configured certificate must open with its password and hold an RSA private key.</summary>
    public IReadOnlyList<string> Validate(string contentRoot)
    {
        var problems = new List<string>();
        if (!string.IsNullOrWhiteSpace(CertificatePath))
        {
            problems.AddRange(Problem("DataProtection:CertificatePath", "DataProtection:CertificatePassword", CertificatePath, CertificatePassword, contentRoot));
        }
        else if (!string.IsNullOrEmpty(CertificatePassword))
        {
            problems.Add("DataProtection:CertificatePassword is set but DataProtection:CertificatePath is not; set the path of the .pfx file.");
        }

        for (var i = 0; i < PreviousCertificates.Count; i++)
        {
            problems.AddRange(Problem(
                $"DataProtection:PreviousCertificates:{i}:Path",
                $"DataProtection:PreviousCertificates:{i}:Password",
                PreviousCertificates[i].Path,
                PreviousCertificates[i].Password,
                contentRoot));
        }

        return problems;
    }

    /// <summary>Production keeps the key ring unencrypted only when the operator says so.</summary>
    public IReadOnlyList<string> ProductionProblems() => string.IsNullOrWhiteSpace(CertificatePath) && !AcceptUnencryptedKeys
        ? ["DataProtection:CertificatePath is not set, so the keys behind sign-in cookies and authenticator keys would be stored unencrypted in the database and every backup; set the path and password of a certificate (README, \"Keys\"), or DataProtection:AcceptUnencryptedKeys=true to accept that risk."]
        : [];

    /// <summary>The current certificate (null when none is configured) and the previous ones; call after <see cref="Validate"/>.</summary>
    public (X509Certificate2? Current, X509Certificate2[] Previous) Load(string contentRoot) => (
        string.IsNullOrWhiteSpace(CertificatePath) ? null : Open(CertificatePath, CertificatePassword, contentRoot),
        [.. PreviousCertificates.Select(p => Open(p.Path!, p.Password, contentRoot))]);

    private static IEnumerable<string> Problem(string pathKey, string passwordKey, string? path, string? password, string contentRoot)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return [$"{pathKey} must be the path of a .pfx file."];
        }

        var full = Path.GetFullPath(path, contentRoot);
        if (!File.Exists(full))
        {
            return [$"{pathKey}: there is no file at '{full}' (or the app may not read it); put the certificate there (README, \"Keys\")."];
        }

        try
        {
            using var certificate = Open(full, password, contentRoot);
            if (!certificate.HasPrivateKey)
            {
                return [$"{pathKey}: '{full}' holds no private key; export the certificate with its key (.pfx)."];
            }

            using var rsa = certificate.GetRSAPrivateKey();
            return rsa is null ? [$"{pathKey}: '{full}' is not an RSA certificate; make one as README \"Keys\" shows."] : [];
        }
        catch (CryptographicException)
        {
            return [$"{passwordKey} does not open '{full}' (wrong password, or not a .pfx file)."];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [$"{pathKey}: '{full}' could not be read ({ex.Message})."];
        }
    }

    private static X509Certificate2 Open(string path, string? password, string contentRoot) =>
        X509CertificateLoader.LoadPkcs12FromFile(Path.GetFullPath(path, contentRoot), password);

    public sealed class PreviousCertificate
    {
        public string? Path { get; set; }

        public string? Password { get; set; }
    }
}

/// <summary>The Data Protection key ring: in the database, encrypted with the configured certificate when there is one.</summary>
public static class KeyRing
{
    public const string ApplicationName = "tace-scheduling";

    public static IServiceCollection AddKeyRing(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = InvalidSettingsException.BindValid<KeyRingOptions>(configuration, KeyRingOptions.SectionName, o => o.Validate(environment.ContentRootPath));
        var builder = services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<ApplicationDbContext>();
        var (current, previous) = options.Load(environment.ContentRootPath);
        if (current is not null)
        {
            builder.ProtectKeysWithCertificate(current);
        }

        // Keys encrypted by the current certificate or any previous one stay readable after a rotation.
        X509Certificate2[] readable = current is null ? previous : [current, .. previous];
        if (readable.Length > 0)
        {
            builder.UnprotectKeysWithAnyCertificate(readable);
        }

        return services;
    }

    // The lock under which instances starting together look for a usable key and make the first one.
    private const long FirstKeyLockKey = 0x7AC3_5C4E_D000_0002;

    /// <summary>
    /// Makes sure the ring has a key in use before anything is protected, one key for every instance.
    /// Left to Data Protection, instances starting together on an empty ring each make a key that is
    /// active at once; each then signs cookies with its own, and an instance that read the ring before
    /// the other's key was written refuses those cookies until its ring refreshes (Data Protection
    /// re-reads a ring for a missing key only in the first minutes after start). Here the instances
    /// take turns: the first makes the key, the others find it. Keys made later (rotation) are made
    /// days before they are used, so every instance has read them by then.
    /// </summary>
    public static async Task EnsureKeyInUseAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var keys = services.GetRequiredService<IKeyManager>();
        var lifetime = services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.NewKeyLifetime;
        await services.GetRequiredService<DatabaseInitializer>().AloneAsync(FirstKeyLockKey, _ =>
        {
            // Data Protection judges keys by the system clock, so this must too (not the app's TimeProvider).
            var now = TimeProvider.System.GetUtcNow();
            if (!keys.GetAllKeys().Any(k => IsUsableAt(k, now)))
            {
                keys.CreateNewKey(activationDate: now, expirationDate: now + lifetime);
            }

            return Task.CompletedTask;
        }, cancellationToken);
    }

    private static bool IsUsableAt(IKey key, DateTimeOffset now)
    {
        if (key.IsRevoked || key.ActivationDate > now || key.ExpirationDate <= now)
        {
            return false;
        }

        try
        {
            // A key this instance cannot decrypt (a certificate it does not have) is no key for it.
            return key.CreateEncryptor() is not null;
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or InvalidOperationException)
        {
            return false;
        }
    }
}

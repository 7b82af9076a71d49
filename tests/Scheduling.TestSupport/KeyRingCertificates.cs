using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Scheduling.TestSupport;

/// <summary>
/// Certificates that encrypt the app's Data Protection key ring (setting DataProtection:CertificatePath
/// and CertificatePassword), as README "Keys" has the operator make one: self-signed RSA with its
/// private key in a password-protected .pfx.
/// </summary>
public static class KeyRingCertificates
{
    public const string Password = "pfx password for tests";

    private static readonly Lazy<string> SharedFile = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("tace-keys-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left in the temp folder; nothing depends on it.
            }
        };
        return Write(folder);
    });

    /// <summary>One certificate for the whole test process (Production starts need one).</summary>
    public static string Shared => SharedFile.Value;

    /// <summary>Environment variables for a Production start with <see cref="Shared"/>.</summary>
    public static IReadOnlyDictionary<string, string> SharedSettings => new Dictionary<string, string>
    {
        ["DataProtection__CertificatePath"] = Shared,
        ["DataProtection__CertificatePassword"] = Password,
    };

    /// <summary>Writes a new certificate as <paramref name="name"/> in <paramref name="folder"/> and returns its path.</summary>
    public static string Write(string folder, string name = "dataprotection.pfx", string password = Password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=TACE scheduling data protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return path;
    }
}

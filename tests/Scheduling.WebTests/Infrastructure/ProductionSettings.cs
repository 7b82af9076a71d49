using Scheduling.TestSupport;

namespace Scheduling.WebTests.Infrastructure;

/// <summary>What a clinic sets for the app to start in Production (README "Production"), as environment variables.</summary>
public static class ProductionSettings
{
    public static Dictionary<string, string> For(string pathBase = "", Dictionary<string, string>? extra = null)
    {
        var values = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Clinic__Name"] = "Riverside Interventional Radiology",
            ["Clinic__Phone"] = "+1 617 555 0142",
            ["Clinic__Address"] = "200 River Street, Boston, MA 02114",
            ["Clinic__PublicBaseUrl"] = $"https://{CaddyProxy.PublicHost}{pathBase}",
            ["Email__FromAddress"] = "ir-scheduling@clinic.example",
            ["Email__AllowPickupFolderInProduction"] = "true",
            ["Network__PathBase"] = pathBase,
            ["Jobs__RunServer"] = "false",
            ["DataProtection__CertificatePath"] = KeyRingCertificates.Shared,
            ["DataProtection__CertificatePassword"] = KeyRingCertificates.Password,
        };
        foreach (var (key, value) in extra ?? [])
        {
            values[key] = value;
        }

        return values;
    }
}

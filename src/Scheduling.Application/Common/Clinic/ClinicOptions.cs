using Scheduling.Domain.Common;

namespace Scheduling.Application.Common.Clinic;

/// <summary>
/// The practice itself, from the "Clinic" configuration section: what patients and doctors are told
/// (name, phone, address), the one time zone every page and email uses, and the public base URL
/// patient links are built on (never the request's Host header, which a client controls).
/// </summary>
public sealed class ClinicOptions
{
    public const string SectionName = "Clinic";

    public string Name { get; set; } = "Interventional Radiology";

    public string Phone { get; set; } = "555-0100";

    public string Address { get; set; } = "1 Hospital Way";

    /// <summary>IANA time zone id.</summary>
    public string TimeZone { get; set; } = ClinicTime.DefaultTimeZoneId;

    /// <summary>Scheme and host (and optional path base) of the app as patients reach it, e.g. https://tace.example.org.</summary>
    public string PublicBaseUrl { get; set; } = "https://localhost:5001";

    /// <summary>The one culture for every date, time and number on pages and in emails (never the server's locale).</summary>
    public string Culture { get; set; } = ClinicFormats.DefaultCulture;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        try
        {
            System.Globalization.CultureInfo.GetCultureInfo(Culture, predefinedOnly: true);
        }
        catch (System.Globalization.CultureNotFoundException)
        {
            problems.Add($"Clinic:Culture '{Culture}' is not a known culture name such as en-US.");
        }

        if (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add("Clinic:PublicBaseUrl must be an absolute http(s) URL.");
        }
        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        }
        catch (TimeZoneNotFoundException)
        {
            problems.Add($"Clinic:TimeZone '{TimeZone}' is not a known IANA time zone.");
        }
        if (string.IsNullOrWhiteSpace(Name) || string.IsNullOrWhiteSpace(Phone))
        {
            problems.Add("Clinic:Name and Clinic:Phone are shown to patients and must be set.");
        }
        return problems;
    }

    /// <summary>An absolute URL under the public base for an app-relative path such as "/p/abc".</summary>
    public string PublicUrl(string relativePath) =>
        PublicBaseUrl.TrimEnd('/') + "/" + relativePath.TrimStart('/');
}

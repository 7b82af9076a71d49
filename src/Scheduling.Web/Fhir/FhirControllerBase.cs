using System.Globalization;

using Hl7.Fhir.Model;

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Scheduling.Web.Fhir;

/// <summary>
/// What every FHIR controller shares: the /fhir base, bearer tokens instead of cookies (so no
/// antiforgery token), the per-client rate limit, and searchset paging (_count, _offset, total, next).
/// </summary>
[Route("fhir")]
[IgnoreAntiforgeryToken]
[EnableRateLimiting(SmartBackendServices.RateLimitPolicy)]
public abstract class FhirControllerBase(FhirOptions options) : Controller
{
    protected FhirOptions Options { get; } = options;

    /// <summary>The FHIR base as the client reached it (behind a trusted proxy, its forwarded address).</summary>
    protected string BaseUrl => $"{Request.Scheme}://{Request.Host}{Request.PathBase}{FhirPipeline.BasePath}";

    protected static FhirResult Ok(Resource resource) => new(resource);

    /// <summary>_count and _offset, or the OperationOutcome for a value that is not a number in range.</summary>
    protected (int Offset, int Count, FhirResult? Problem) Paging() =>
        Paging(name => Request.Query.TryGetValue(name, out var value) ? value.ToString() : null);

    /// <summary>As <see cref="Paging()"/>, from the search's parameters however they came (query string or a POSTed form).</summary>
    protected (int Offset, int Count, FhirResult? Problem) Paging(Func<string, string?> parameter)
    {
        var count = Options.DefaultPageSize;
        var offset = 0;
        if (parameter("_count") is { } countText)
        {
            if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out count))
            {
                return (0, 0, Outcomes.Result(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Value, "_count must be a whole number of 0 or more.", "_count"));
            }

            count = Math.Min(count, Options.MaxPageSize);
        }

        if (parameter("_offset") is { } offsetText
            && !int.TryParse(offsetText, NumberStyles.None, CultureInfo.InvariantCulture, out offset))
        {
            return (0, 0, Outcomes.Result(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Value, "_offset must be a whole number of 0 or more.", "_offset"));
        }

        return (offset, count, null);
    }

    /// <summary>A searchset page: every match's total, this page's resources, and self/first/previous/next links that keep the search's parameters.</summary>
    protected Bundle Searchset(string resourceType, IReadOnlyDictionary<string, string> parameters, IEnumerable<Resource> page, int total, int offset, int count)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset, Total = total };
        foreach (var resource in page)
        {
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{BaseUrl}/{resource.TypeName}/{resource.Id}",
                Resource = resource,
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            });
        }

        string Link(int at)
        {
            var query = parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}")
                .Append($"_count={count}")
                .Append($"_offset={at}");
            return $"{BaseUrl}/{resourceType}?{string.Join('&', query)}";
        }

        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = Link(offset) });
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "first", Url = Link(0) });
        if (count > 0 && offset > 0)
        {
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "previous", Url = Link(Math.Max(0, offset - count)) });
        }

        if (count > 0 && offset + count < total)
        {
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = Link(offset + count) });
        }

        return bundle;
    }

    /// <summary>A GUID from an id in a path or a reference ("ServiceRequest/{id}", an absolute URL, or the bare id); null when it is not one of ours.</summary>
    protected static Guid? IdFrom(string? reference, string resourceType)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            return null;
        }

        var text = reference.Trim();
        var marker = resourceType + "/";
        var at = text.LastIndexOf(marker, StringComparison.Ordinal);
        if (at >= 0)
        {
            text = text[(at + marker.Length)..];
        }

        return Guid.TryParse(text, out var id) ? id : null;
    }
}

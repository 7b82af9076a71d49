namespace Scheduling.FhirTests.Infrastructure;

/// <summary>
/// The clinic's TLS proxy, played on loopback: a request to https://127.0.0.1:port goes to the app as
/// plain http with X-Forwarded-Proto: https, which the app believes from loopback, as it believes its
/// proxy. The client sees only the public https URLs, as a hospital's system would.
/// </summary>
public sealed class TlsProxyHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { Scheme: "https", Host: "127.0.0.1" } uri)
        {
            request.RequestUri = new UriBuilder(uri) { Scheme = "http" }.Uri;
            request.Headers.Remove("X-Forwarded-Proto");
            request.Headers.Add("X-Forwarded-Proto", "https");
        }

        return base.SendAsync(request, cancellationToken);
    }
}

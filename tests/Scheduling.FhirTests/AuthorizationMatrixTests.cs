using System.Net;

using Scheduling.Domain.Integration;
using Scheduling.FhirTests.Infrastructure;

namespace Scheduling.FhirTests;

/// <summary>
/// Every FHIR route, called anonymously and with a token of each single scope: the public documents
/// answer everyone; every other route answers 401 without a token, 403 with a token lacking its scope,
/// and is served (whatever the answer to the request itself) with its scope. The routes come from the
/// app's own endpoint table, so a new route without a scope, or with the wrong one, fails here.
/// </summary>
public sealed class AuthorizationMatrixTests(FhirServer server)
{
    [Fact]
    public async System.Threading.Tasks.Task EveryRoute_ForEveryScope_AndForAnonymousCallers()
    {
        var routes = ConformanceTests.FhirRoutes(server);
        Assert.NotEmpty(routes);
        var client = await server.RegisterClientAsync(SmartScopes.All.Select(s => s.Scope).ToList());
        Dictionary<string, string> tokens = [];
        foreach (var (scope, _) in SmartScopes.All)
        {
            tokens[scope] = await client.TokenAsync(scope);
        }

        List<string> wrong = [];
        foreach (var (route, required) in routes)
        {
            var (method, url) = Concrete(route);
            var anonymous = await SmartClient.SendAsync(method, url, null, Body(method));
            Expect(route, "anonymous", anonymous.Status, required is null ? null : HttpStatusCode.Unauthorized, wrong);
            foreach (var (scope, token) in tokens)
            {
                var called = await SmartClient.SendAsync(method, url, token, Body(method));
                Expect(route, scope, called.Status, required is null ? null : scope == required ? null : HttpStatusCode.Forbidden, wrong);
                if (required is not null && scope == required && called.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    wrong.Add($"{route} with {scope}: refused ({(int)called.Status}) although it is the route's scope");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private static void Expect(string route, string caller, HttpStatusCode actual, HttpStatusCode? refusal, List<string> wrong)
    {
        if (refusal is { } expected && actual != expected)
        {
            wrong.Add($"{route} as {caller}: {(int)actual}, expected {(int)expected}");
        }
        else if (refusal is null && actual is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            wrong.Add($"{route} as {caller}: refused ({(int)actual}) although it needs no scope");
        }
    }

    private (HttpMethod Method, string Url) Concrete(string route)
    {
        var space = route.IndexOf(' ', StringComparison.Ordinal);
        var path = route[(space + 1)..]
            .Replace("{id}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
            .Replace("{**rest}", "Observation", StringComparison.Ordinal);
        return (new HttpMethod(route[..space]), $"{server.BaseUrl}/{path}");
    }

    private static string? Body(HttpMethod method) => method == HttpMethod.Post ? """{"resourceType":"Parameters"}""" : null;
}

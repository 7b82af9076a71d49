using System.Net;

using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Hl7.Fhir.Serialization;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

using Scheduling.Domain.Integration;
using Scheduling.FhirTests.Infrastructure;

namespace Scheduling.FhirTests;

/// <summary>What the API says about itself, its errors, and the validator the other tests rely on.</summary>
public sealed class ConformanceTests(FhirServer server)
{
    [Fact]
    public void Validator_FindsTheErrorsOfAResourceThatBreaksR4()
    {
        var broken = new OperationOutcome();

        var errors = R4Validator.Errors(broken);

        Assert.NotEmpty(errors);
    }

    [Fact]
    public async System.Threading.Tasks.Task Metadata_IsAValidCapabilityStatement_AnsweredWithoutAToken()
    {
        var capabilities = await SmartClient.Connect(server, null).CapabilityStatementAsync();

        R4Validator.AssertValid(capabilities!);
        Assert.Equal(FHIRVersion.N4_0_1, capabilities!.FhirVersion);
        var rest = Assert.Single(capabilities.Rest);
        Assert.Equal("SMART-on-FHIR", rest.Security.Service.Single().Coding.Single().Code);
        Assert.Contains(server.TokenEndpoint, rest.Security.Description, StringComparison.Ordinal);
    }

    /// <summary>
    /// Every interaction the CapabilityStatement names has a route, and every FHIR route (other than the
    /// public documents and the transaction) is named there with the scope it needs: it promises
    /// nothing the server does not do, and hides nothing it does.
    /// </summary>
    [Fact]
    public async System.Threading.Tasks.Task Metadata_StatesExactlyTheRoutesAndTheirScopes()
    {
        var capabilities = await SmartClient.Connect(server, null).CapabilityStatementAsync();
        var stated = capabilities!.Rest.Single().Resource
            .SelectMany(r => r.Interaction
                .Select(i => (Route: i.Code == CapabilityStatement.TypeRestfulInteraction.Read ? $"GET fhir/{r.Type}/{{id}}" : $"GET fhir/{r.Type}", Scope: ScopeIn(r.Documentation)))
                .Concat(r.Documentation.Contains($"POST [base]/{r.Type}/_search", StringComparison.Ordinal) ? [(Route: $"POST fhir/{r.Type}/_search", Scope: ScopeIn(r.Documentation))] : [])
                .Concat(r.Operation.Select(o => (Route: $"POST fhir/{r.Type}/${o.Name}", Scope: ScopeIn(o.Documentation)))))
            .OrderBy(s => s.Route, StringComparer.Ordinal)
            .ToList();

        var routed = FhirRoutes(server)
            .Where(r => r.Scope is not null && r.Route != "POST fhir")
            .Select(r => (r.Route, Scope: r.Scope!))
            .OrderBy(s => s.Route, StringComparer.Ordinal)
            .ToList();

        Assert.Equal(routed, stated);
    }

    /// <summary>"Scope system/X.rs. The rest..." -> "system/X.rs".</summary>
    private static string ScopeIn(string documentation) =>
        System.Text.RegularExpressions.Regex.Match(documentation, @"^Scope (\S+?)\.(\s|$)").Groups[1].Value;

    [Fact]
    public async System.Threading.Tasks.Task UnknownRouteAndWrongMethod_AreOperationOutcomes_NotHtml()
    {
        var client = await server.RegisterClientAsync([SmartScopes.PatientRead]);
        var token = await client.TokenAsync(SmartScopes.PatientRead);

        var unknown = await SmartClient.SendAsync(HttpMethod.Get, server.FhirBase + "/Observation", token);
        var wrongMethod = await SmartClient.SendAsync(HttpMethod.Delete, server.FhirBase + "/Patient/" + Guid.NewGuid(), token);
        var badCount = await SmartClient.SendAsync(HttpMethod.Get, server.FhirBase + "/Patient?_count=many", token);

        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.Status);
        Assert.Equal(HttpStatusCode.BadRequest, badCount.Status);
        foreach (var (_, contentType, body) in new[] { unknown, wrongMethod, badCount })
        {
            Assert.Equal("application/fhir+json", contentType);
            R4Validator.AssertValid(new FhirJsonDeserializer(new DeserializerSettings()).DeserializeResource(body));
        }
    }

    [Fact]
    public async System.Threading.Tasks.Task UnreadableBody_Is400WithTheParsersReason()
    {
        var client = await server.RegisterClientAsync([SmartScopes.ServiceRequestCreate]);
        var token = await client.TokenAsync(SmartScopes.ServiceRequestCreate);

        var (status, contentType, body) = await SmartClient.SendAsync(HttpMethod.Post, server.FhirBase, token, """{"resourceType":"Bundle","type":"transaction","entry":[{"resource":{"resourceType":"Patient","gender":"robot"}}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/fhir+json", contentType);
        var outcome = (OperationOutcome)new FhirJsonDeserializer(new DeserializerSettings()).DeserializeResource(body);
        Assert.Contains(outcome.Issue, i => i.Details.Text.Contains("robot", StringComparison.Ordinal));
    }

    /// <summary>Each FHIR route as "METHOD template" with the scope its policy names (null: anonymous).</summary>
    public static IReadOnlyList<(string Route, string? Scope)> FhirRoutes(FhirServer server) =>
        server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("fhir", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => (
                    Route: $"{method} {e.RoutePattern.RawText!.TrimEnd('/')}",
                    Scope: e.Metadata.GetMetadata<IAllowAnonymous>() is not null
                        ? null
                        : e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).Single(p => p is not null))))
            .ToList();
}

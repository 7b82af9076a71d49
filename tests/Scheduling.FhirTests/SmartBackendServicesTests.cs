using System.Net;
using System.Security.Cryptography;

using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Hl7.Fhir.Serialization;

using Microsoft.Extensions.DependencyInjection;

using Scheduling.Application.Features.Integration;
using Scheduling.Domain.Integration;
using Scheduling.FhirTests.Infrastructure;

namespace Scheduling.FhirTests;

/// <summary>SMART Backend Services as a hospital's system meets it: discovery, the token endpoint and its refusals.</summary>
public sealed class SmartBackendServicesTests(FhirServer server)
{
    [Fact]
    public async System.Threading.Tasks.Task Discovery_NamesTheTokenEndpointAndTheAssertionRules()
    {
        var (status, contentType, body) = await SmartClient.SendAsync(HttpMethod.Get, server.FhirBase + "/.well-known/smart-configuration", null);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", contentType);
        using var json = System.Text.Json.JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal(server.TokenEndpoint, root.GetProperty("token_endpoint").GetString());
        Assert.Equal(["private_key_jwt"], root.GetProperty("token_endpoint_auth_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["ES384", "RS384"], root.GetProperty("token_endpoint_auth_signing_alg_values_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["client_credentials"], root.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("client-confidential-asymmetric", root.GetProperty("capabilities").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(SmartScopes.All.Select(s => s.Scope), root.GetProperty("scopes_supported").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async System.Threading.Tasks.Task SignedAssertion_GetsAShortLivedTokenThatReadsTheQuestionnaire(bool ec)
    {
        var client = await server.RegisterClientAsync([SmartScopes.QuestionnaireRead], ec: ec);

        var token = await client.RequestTokenAsync(SmartScopes.QuestionnaireRead);

        Assert.True(token.Status == HttpStatusCode.OK, token.Json.ToString());
        Assert.Equal("Bearer", token.Json.GetProperty("token_type").GetString());
        Assert.InRange(token.Json.GetProperty("expires_in").GetInt32(), 1, 300);
        var questionnaire = await client.Fhir(token.AccessToken).ReadAsync<Questionnaire>("Questionnaire/tace-eligibility");
        Assert.Equal("tace-eligibility", questionnaire!.Id);
        R4Validator.AssertValid(questionnaire);
    }

    [Fact]
    public async System.Threading.Tasks.Task AssertionSignedWithAnotherKey_IsRefused()
    {
        var client = await server.RegisterClientAsync([SmartScopes.QuestionnaireRead]);
        using var stranger = RSA.Create(2048);

        var token = await client.RequestTokenAsync(SmartScopes.QuestionnaireRead, client.Assertion(signWith: stranger));

        Assert.Equal("invalid_client", token.Error);
        Assert.Null(token.AccessToken);
    }

    [Fact]
    public async System.Threading.Tasks.Task ExpiredAssertion_IsRefused()
    {
        var client = await server.RegisterClientAsync([SmartScopes.QuestionnaireRead]);

        var token = await client.RequestTokenAsync(SmartScopes.QuestionnaireRead, client.Assertion(expires: DateTime.UtcNow.AddMinutes(-2)));

        Assert.Equal("invalid_client", token.Error);
        Assert.Null(token.AccessToken);
    }

    [Fact]
    public async System.Threading.Tasks.Task AssertionValidForMoreThanFiveMinutes_IsRefused()
    {
        var client = await server.RegisterClientAsync([SmartScopes.QuestionnaireRead]);

        var token = await client.RequestTokenAsync(SmartScopes.QuestionnaireRead, client.Assertion(expires: DateTime.UtcNow.AddMinutes(30)));

        Assert.Equal("invalid_client", token.Error);
        Assert.Contains("5 minutes", token.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task ReplayedAssertion_IsRefusedTheSecondTime()
    {
        var client = await server.RegisterClientAsync([SmartScopes.QuestionnaireRead]);
        var assertion = client.Assertion();

        var first = await client.RequestTokenAsync(SmartScopes.QuestionnaireRead, assertion);
        var second = await client.RequestTokenAsync(SmartScopes.QuestionnaireRead, assertion);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("invalid_client", second.Error);
        Assert.Equal(AcceptClientAssertion.ReplayedMessage, second.Description);
    }

    [Fact]
    public async System.Threading.Tasks.Task AssertionForAnotherAudience_OrWithoutARegisteredKid_OrRs256_IsRefused()
    {
        var client = await server.RegisterClientAsync([SmartScopes.QuestionnaireRead]);

        var otherAudience = await client.RequestTokenAsync(SmartScopes.QuestionnaireRead, client.Assertion(audience: "https://elsewhere.example/token"));
        var unknownKid = await client.RequestTokenAsync(SmartScopes.QuestionnaireRead, client.Assertion(keyId: "not-registered"));
        var rs256 = await client.RequestTokenAsync(SmartScopes.QuestionnaireRead, client.Assertion(algorithm: "RS256"));

        // OpenIddict itself refuses the audience (invalid_token); the kid and the algorithm are this app's rules.
        Assert.Equal("invalid_token", otherAudience.Error);
        Assert.Equal("invalid_client", unknownKid.Error);
        Assert.Equal("invalid_client", rs256.Error);
        Assert.All([otherAudience, unknownKid, rs256], t => Assert.Null(t.AccessToken));
    }

    [Fact]
    public async System.Threading.Tasks.Task ScopeTheClientWasNotGiven_IsRefusedAtTheTokenEndpoint()
    {
        var client = await server.RegisterClientAsync([SmartScopes.QuestionnaireRead]);

        var token = await client.RequestTokenAsync(SmartScopes.QuestionnaireRead + " " + SmartScopes.PatientRead);

        Assert.Equal("invalid_scope", token.Error);
        Assert.Null(token.AccessToken);
    }

    [Fact]
    public async System.Threading.Tasks.Task TokenWithoutTheRoutesScope_Gets403AsAnOperationOutcome()
    {
        var client = await server.RegisterClientAsync([SmartScopes.QuestionnaireRead, SmartScopes.PatientRead]);
        var token = await client.TokenAsync(SmartScopes.QuestionnaireRead);

        var (status, contentType, body) = await SmartClient.SendAsync(HttpMethod.Get, server.FhirBase + "/Patient", token);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("application/fhir+json", contentType);
        var outcome = new FhirJsonDeserializer(new DeserializerSettings()).DeserializeResource(body);
        var issue = Assert.Single(((OperationOutcome)outcome).Issue);
        Assert.Equal(OperationOutcome.IssueType.Forbidden, issue.Code);
        R4Validator.AssertValid(outcome);
    }

    [Fact]
    public async System.Threading.Tasks.Task DisabledClient_GetsNoTokenAndItsTokenStopsWorking()
    {
        var client = await server.RegisterClientAsync([SmartScopes.QuestionnaireRead]);
        var token = await client.TokenAsync(SmartScopes.QuestionnaireRead);

        await server.AsAdminAsync(async (db, _) =>
            (await new SetClientActive.Handler(db, FhirServer.AdminUser(), TimeProvider.System).Handle(new SetClientActive.Command(client.RegistrationId, false), default)).IsSuccess);

        var refused = await client.RequestTokenAsync(SmartScopes.QuestionnaireRead);
        var call = await SmartClient.SendAsync(HttpMethod.Get, server.FhirBase + "/Questionnaire/tace-eligibility", token);
        Assert.Equal("invalid_client", refused.Error);
        Assert.Equal(HttpStatusCode.Unauthorized, call.Status);
        Assert.Equal("application/fhir+json", call.ContentType);
    }

    [Fact]
    public async System.Threading.Tasks.Task RotatedKey_OldKeyRefusedNewKeyAccepted()
    {
        var client = await server.RegisterClientAsync([SmartScopes.QuestionnaireRead]);
        using var next = RSA.Create(2048);
        var keyIds = await server.AsAdminAsync(async (db, services) =>
            (await new RotateClientKey.Handler(db, services.GetRequiredService<Application.Common.Abstractions.IClientCredentials>(), FhirServer.AdminUser(), TimeProvider.System)
                .Handle(new RotateClientKey.Command(client.RegistrationId, next.ExportSubjectPublicKeyInfoPem()), default)).Value);

        var old = await client.RequestTokenAsync(SmartScopes.QuestionnaireRead);
        var fresh = await client.RequestTokenAsync(SmartScopes.QuestionnaireRead, client.Assertion(signWith: next, keyId: keyIds[0]));

        Assert.Null(old.AccessToken);
        Assert.Equal(HttpStatusCode.OK, fresh.Status);
    }

    [Fact]
    public async System.Threading.Tasks.Task NoToken_Gets401AsAnOperationOutcome_AndFhirClientSeesIt()
    {
        var anonymous = SmartClient.Connect(server, null);

        var failure = await Assert.ThrowsAsync<FhirOperationException>(() => anonymous.ReadAsync<Questionnaire>("Questionnaire/tace-eligibility"));

        Assert.Equal(HttpStatusCode.Unauthorized, failure.Status);
        Assert.NotNull(failure.Outcome);
        R4Validator.AssertValid(failure.Outcome);
    }
}

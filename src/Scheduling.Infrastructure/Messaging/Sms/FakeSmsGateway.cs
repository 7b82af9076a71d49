using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using Scheduling.Domain.Messaging;

namespace Scheduling.Infrastructure.Messaging.Sms;

/// <summary>One text the fake gateway accepted.</summary>
public sealed record FakeText(string Sid, string To, string From, string Body, string? StatusCallback, DateTime ReceivedAtUtc);

/// <summary>
/// A text provider on loopback that speaks the part of Twilio's API the app uses, for tests and
/// Development (where no text may leave the machine): it checks the account's credentials, records
/// every text it accepts, refuses what Twilio refuses (a malformed number, a number that replied STOP
/// to it), and plays the patient's phone: it posts replies (STOP, START, HELP...) and delivery receipts
/// to the app's webhooks, signed as Twilio signs them. Tests can make it hold its answers (to kill the
/// app while texts are in flight) or fail (to see retries). Production refuses to use it.
/// </summary>
public sealed class FakeSmsGateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeText> _texts = new();
    private readonly ConcurrentDictionary<string, bool> _optedOut = new(StringComparer.Ordinal);
    private readonly HttpClient _webhooks = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly TimeProvider _clock;
    private readonly object _gate = new();
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _holdAfter = int.MaxValue;
    private int _accepted;
    private int _held;
    private int _failNext;

    private FakeSmsGateway(WebApplication app, string accountSid, string authToken, string number, TimeProvider clock)
    {
        _app = app;
        _clock = clock;
        AccountSid = accountSid;
        AuthToken = authToken;
        Number = number;
    }

    public string AccountSid { get; }

    public string AuthToken { get; }

    /// <summary>The clinic's sending number, as the gateway reports it in replies.</summary>
    public string Number { get; }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Where replies go: the app's public base URL (its /sms/inbound).</summary>
    public Uri? AppBaseUrl { get; set; }

    /// <summary>Every text accepted, in order.</summary>
    public IReadOnlyList<FakeText> Texts => [.. _texts];

    /// <summary>Requests now waiting for their answer (see <see cref="HoldAfter"/>).</summary>
    public int HeldCount => Volatile.Read(ref _held);

    public static async Task<FakeSmsGateway> StartAsync(string accountSid, string authToken, string number = "+15550100999", int port = 0, TimeProvider? clock = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var gateway = new FakeSmsGateway(app, accountSid, authToken, number, clock ?? TimeProvider.System);
        app.MapGet("/2010-04-01/Accounts/{sid}.json", gateway.Account);
        app.MapPost("/2010-04-01/Accounts/{sid}/Messages.json", gateway.CreateMessageAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        gateway.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return gateway;
    }

    /// <summary>After <paramref name="accepted"/> more texts, record each further text but keep its HTTP answer back until <see cref="Release"/>.</summary>
    public void HoldAfter(int accepted)
    {
        lock (_gate)
        {
            _holdAfter = Volatile.Read(ref _accepted) + accepted;
        }
    }

    /// <summary>Answers every held request and stops holding.</summary>
    public void Release()
    {
        lock (_gate)
        {
            _holdAfter = int.MaxValue;
            _release.TrySetResult();
            _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>The next <paramref name="count"/> texts are refused with HTTP 503, as an outage would.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failNext, count);

    /// <summary>Waits (at most <paramref name="timeout"/> of real time, whatever clock the app runs on) until <paramref name="count"/> requests are held.</summary>
    public async Task WaitForHeldAsync(int count, TimeSpan timeout)
    {
        using var giveUp = new CancellationTokenSource(timeout);
        while (HeldCount < count && !giveUp.IsCancellationRequested)
        {
            await Task.Delay(50, CancellationToken.None);
        }
    }

    /// <summary>The patient's phone sends <paramref name="body"/> from <paramref name="from"/> to the clinic's number; returns the app's answer (TwiML).</summary>
    public async Task<(HttpStatusCode Status, string Body)> ReplyAsync(string from, string body, CancellationToken cancellationToken = default)
    {
        var (url, form) = Reply(from, body);
        return await PostSignedAsync(url, form, cancellationToken);
    }

    /// <summary>The URL and form of a reply, for a caller that posts it itself (a test server without a socket).</summary>
    public (Uri Url, IReadOnlyDictionary<string, string> Form) Reply(string from, string body)
    {
        var target = AppBaseUrl ?? throw new InvalidOperationException("Set AppBaseUrl to the app's public base URL first.");
        var form = new Dictionary<string, string>
        {
            ["MessageSid"] = NewSid("SM"),
            ["AccountSid"] = AccountSid,
            ["From"] = from,
            ["To"] = Number,
            ["Body"] = body,
            ["NumMedia"] = "0",
        };
        return (new Uri(target, "sms/inbound"), form);
    }

    /// <summary>The carrier reports what became of an accepted text (delivered, undelivered, failed).</summary>
    public async Task<(HttpStatusCode Status, string Body)> DeliverAsync(FakeText text, string status, string? errorCode = null, CancellationToken cancellationToken = default)
    {
        var (url, form) = Receipt(text, status, errorCode);
        return await PostSignedAsync(url, form, cancellationToken);
    }

    public (Uri Url, IReadOnlyDictionary<string, string> Form) Receipt(FakeText text, string status, string? errorCode = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var form = new Dictionary<string, string>
        {
            ["MessageSid"] = text.Sid,
            ["AccountSid"] = AccountSid,
            ["From"] = text.From,
            ["To"] = text.To,
            ["MessageStatus"] = status,
        };
        if (errorCode is not null)
        {
            form["ErrorCode"] = errorCode;
        }

        return (new Uri(text.StatusCallback ?? throw new InvalidOperationException("The text asked for no receipts.")), form);
    }

    /// <summary>The signature the gateway puts on a webhook request (X-Twilio-Signature).</summary>
    public string Sign(Uri url, IReadOnlyDictionary<string, string> form) => TwilioSignature.Compute(AuthToken, url.ToString(), form);

    /// <summary>The number replied STOP to the provider itself: the provider refuses texts to it (error 21610).</summary>
    public void MarkOptedOut(string number) => _optedOut[number] = true;

    public async ValueTask DisposeAsync()
    {
        Release();
        _webhooks.Dispose();
        await _app.DisposeAsync();
    }

    private async Task<(HttpStatusCode, string)> PostSignedAsync(Uri url, IReadOnlyDictionary<string, string> form, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add(TwilioSignature.Header, Sign(url, form));
        using var response = await _webhooks.SendAsync(request, cancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    private IResult Account(string sid, HttpContext context) =>
        Authorized(context, sid) ? Results.Json(new { sid, status = "active" }) : Unauthorized();

    private async Task<IResult> CreateMessageAsync(string sid, HttpContext context)
    {
        if (!Authorized(context, sid))
        {
            return Unauthorized();
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var to = form["To"].ToString();
        var from = form["From"].ToString();
        if (Interlocked.Decrement(ref _failNext) >= 0)
        {
            return Results.Json(new { code = 20500, message = "Service unavailable", status = 503 }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (!to.StartsWith('+') || MobileNumbers.Normalize(to) != to)
        {
            return Results.Json(new { code = 21211, message = "The 'To' number is not a valid phone number.", status = 400 }, statusCode: StatusCodes.Status400BadRequest);
        }

        if (_optedOut.ContainsKey(to))
        {
            return Results.Json(new { code = 21610, message = "Attempt to send to unsubscribed recipient", status = 400 }, statusCode: StatusCodes.Status400BadRequest);
        }

        var text = new FakeText(NewSid("SM"), to, string.IsNullOrEmpty(from) ? Number : from, form["Body"].ToString(), form["StatusCallback"].ToString() is { Length: > 0 } callback ? callback : null, _clock.GetUtcNow().UtcDateTime);

        // Accepted means sent, whatever happens to the answer: a held request's text is recorded first.
        _texts.Enqueue(text);
        Task release;
        lock (_gate)
        {
            release = Interlocked.Increment(ref _accepted) > _holdAfter ? _release.Task : Task.CompletedTask;
        }

        if (!release.IsCompleted)
        {
            Interlocked.Increment(ref _held);
            try
            {
                await release.WaitAsync(context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The app went away while waiting; the text was sent all the same.
                return Results.Empty;
            }
            finally
            {
                Interlocked.Decrement(ref _held);
            }
        }

        return Results.Json(new { sid = text.Sid, status = "queued", to = text.To, from = text.From, body = text.Body }, statusCode: StatusCodes.Status201Created);
    }

    private bool Authorized(HttpContext context, string sid)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}"));
        return sid == AccountSid && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header), Encoding.UTF8.GetBytes(expected));
    }

    private static IResult Unauthorized() =>
        Results.Json(new { code = 20003, message = "Authenticate", status = 401 }, statusCode: StatusCodes.Status401Unauthorized);

    private static string NewSid(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}

using System.Diagnostics.CodeAnalysis;

namespace Scheduling.Application.Common.Results;

public enum ErrorKind
{
    /// <summary>Input was refused; FieldErrors says which fields and why.</summary>
    Validation,

    /// <summary>The record does not exist or the user may not see it (never told apart).</summary>
    NotFound,

    /// <summary>The record changed under the user (slot just taken, duplicate name...).</summary>
    Conflict,
}

/// <summary>An expected failure, shown to the user; bugs are exceptions instead.</summary>
public sealed record Error(ErrorKind Kind, string Message, IReadOnlyDictionary<string, string[]> FieldErrors)
{
    public static Error NotFound(string message = "The record was not found.") =>
        new(ErrorKind.NotFound, message, Empty);

    public static Error Conflict(string message, string? field = null) =>
        new(ErrorKind.Conflict, message, field is null ? Empty : new Dictionary<string, string[]> { [field] = [message] });

    public static Error Validation(string field, string message) =>
        new(ErrorKind.Validation, message, new Dictionary<string, string[]> { [field] = [message] });

    public static Error Validation(IReadOnlyDictionary<string, string[]> fieldErrors) =>
        new(ErrorKind.Validation, "Please correct the highlighted fields.", fieldErrors);

    private static readonly IReadOnlyDictionary<string, string[]> Empty = new Dictionary<string, string[]>();
}

/// <summary>Lets pipeline behaviours build a failed response of any result type without reflection.</summary>
public interface IResultFactory<out TSelf>
{
    static abstract TSelf Failure(Error error);
}

/// <summary>
/// What every use case returns: success, or an <see cref="Error"/> saying why not. Named so it never
/// shadows ASP.NET Core's <c>Microsoft.AspNetCore.Http.IResult</c> in the web layer.
/// </summary>
public interface IUseCaseResult
{
    Error? Error { get; }

    bool IsSuccess => Error is null;
}

public sealed class Result : IUseCaseResult, IResultFactory<Result>
{
    private Result(Error? error) => Error = error;

    public Error? Error { get; }

    public bool IsSuccess => Error is null;

    public static Result Success() => new(null);

    public static Result Failure(Error error) => new(error);

    public static implicit operator Result(Error error) => new(error);
}

public sealed class Result<T> : IUseCaseResult, IResultFactory<Result<T>>
{
    private readonly T? _value;

    private Result(T? value, Error? error)
    {
        _value = value;
        Error = error;
    }

    public Error? Error { get; }

    public bool IsSuccess => Error is null;

    /// <summary>
    /// The value of a result known to be a success; a failed one throws. For tests only: application
    /// code reads the value through <see cref="Failed"/>, which makes the caller say what a refusal
    /// shows (an architecture test keeps it so), so a refusal never becomes a 500.
    /// </summary>
    public T Value => IsSuccess ? _value! : throw new InvalidOperationException("A failed result has no value.");

    /// <summary>
    /// The one way application code reads a result: <c>if (result.Failed(out var error, out var value)) return ...;</c>
    /// then use <paramref name="value"/>. The error and the value come out together, so no path reads
    /// a value without having decided what a failure does.
    /// </summary>
    public bool Failed([NotNullWhen(true)] out Error? error, [MaybeNullWhen(true)] out T value)
    {
        error = Error;
        value = _value!;
        return error is not null;
    }

    public static Result<T> Success(T value) => new(value, null);

    public static Result<T> Failure(Error error) => new(default, error);

    public static implicit operator Result<T>(T value) => Success(value);

    public static implicit operator Result<T>(Error error) => Failure(error);
}

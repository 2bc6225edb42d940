namespace ResilienceLab.Load.Http;

/// <summary>Where <see cref="Http1ResponseParser"/> stands after the bytes it was given.</summary>
internal enum Http1ParseStatus
{
    /// <summary>The response is not complete yet; read more.</summary>
    NeedMore,

    /// <summary>The final response, body included, has been read.</summary>
    Complete,

    /// <summary>The bytes are not an HTTP/1.x response (or its header section is too large).</summary>
    Invalid,
}

//! The HTTP server under `handout serve`: small on purpose, and bounded in
//! everything a client controls.
//!
//! `serve` answers GET and HEAD for files, so a request is its head alone.
//! The head is read up to [`Limits::head_bytes`] within
//! [`Limits::head_time`] (a client that sends slowly or never is cut off),
//! parsed by httparse (hyper's parser: no allocation, no panic on any
//! input), and refused at once when it announces a body (`Content-Length`
//! other than 0, or `Transfer-Encoding`): the body is never read. At most
//! [`Limits::connections`] connections are served at a time, each on its
//! own thread; one more is told the server is busy. Every response closes
//! its connection.
//!
//! tiny_http, which served before, could not be made safe from outside:
//! it reads a request's head itself, with no limit on its size or time,
//! and when a handler has not read a body it allocates the whole declared
//! `Content-Length` to throw the body away, so one request with a huge
//! length ended the process.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// How much a client may ask of the server.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The largest request head (request line and headers), in bytes.
    pub head_bytes: usize,
    /// The most headers a request may have.
    pub headers: usize,
    /// How long a client has to send the whole head.
    pub head_time: Duration,
    /// How long writing a response may stall.
    pub write_time: Duration,
    /// How many connections are served at once.
    pub connections: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            head_bytes: 16 * 1024,
            headers: 64,
            head_time: Duration::from_secs(10),
            write_time: Duration::from_secs(30),
            connections: 64,
        }
    }
}

/// What a client asked for: `GET` or `HEAD`, and the request target as
/// sent (`/exercises/reach/?v=2`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// Whether the body of the answer is left out.
    pub head_only: bool,
    /// The request target.
    pub target: String,
}

/// An answer: status, content type and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// The HTTP status code.
    pub status: u16,
    /// The `Content-Type`.
    pub content_type: &'static str,
    /// The body.
    pub body: Vec<u8>,
}

impl Response {
    /// A short plain-text answer.
    pub fn text(status: u16, text: &str) -> Response {
        Response {
            status,
            content_type: "text/plain; charset=utf-8",
            body: format!("{text}\n").into_bytes(),
        }
    }
}

/// What answers requests: called on the connection's own thread.
pub type Handler = dyn Fn(&Request) -> Response + Send + Sync;

/// Accepts connections on `listener` for as long as the process runs,
/// each answered on a thread of its own by `handler`.
pub fn accept_forever(listener: TcpListener, limits: Limits, handler: Arc<Handler>) {
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(stream) = stream else {
            // A connection that failed before it was accepted (reset,
            // too many open files): the next one may do better.
            std::thread::sleep(Duration::from_millis(10));
            continue;
        };
        if open.fetch_add(1, Ordering::SeqCst) >= limits.connections {
            open.fetch_sub(1, Ordering::SeqCst);
            refuse_busy(stream, limits);
            continue;
        }
        let (open, handler) = (Arc::clone(&open), Arc::clone(&handler));
        let spawned = std::thread::Builder::new()
            .name("serve connection".into())
            .spawn(move || {
                // Counts the connection out however the thread ends.
                let _open = Open(open);
                connection(stream, limits, &*handler);
            });
        if spawned.is_err() {
            // No thread to spare: the connection is dropped (the counter
            // went back when the closure was dropped).
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

/// One open connection, counted out when dropped.
struct Open(Arc<AtomicUsize>);

impl Drop for Open {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

fn refuse_busy(mut stream: TcpStream, limits: Limits) {
    let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
    let busy = Response::text(503, "the server is busy: try again");
    let _ = write_response(&mut stream, &busy, false, limits);
}

/// Reads one request, answers it and closes the connection.
fn connection(mut stream: TcpStream, limits: Limits, handler: &Handler) {
    let _ = stream.set_write_timeout(Some(limits.write_time));
    let _ = stream.set_nodelay(true);
    let (response, head_only) = match read_head(&mut stream, limits) {
        Ok(request) => {
            let head_only = request.head_only;
            (handler(&request), head_only)
        }
        Err(Refusal::Gone) => return,
        Err(Refusal::Answer(response)) => (response, false),
    };
    if write_response(&mut stream, &response, head_only, limits).is_ok() {
        finish(stream);
    }
}

/// Why a request gets no answer from the handler.
enum Refusal {
    /// The client went away or was too slow: nothing to answer.
    Gone,
    /// The server's own answer (a bad or refused request).
    Answer(Response),
}

/// Reads and checks a request's head, never its body.
fn read_head(stream: &mut TcpStream, limits: Limits) -> Result<Request, Refusal> {
    let deadline = Instant::now() + limits.head_time;
    let mut buffer = vec![0u8; limits.head_bytes];
    let mut filled = 0;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(Refusal::Answer(Response::text(
                408,
                "the request took too long to arrive",
            )));
        }
        let _ = stream.set_read_timeout(Some(left));
        let read = match stream.read(&mut buffer[filled..]) {
            Ok(0) => return Err(Refusal::Gone),
            Ok(read) => read,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(error)
                if matches!(
                    error.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                continue;
            }
            Err(_) => return Err(Refusal::Gone),
        };
        filled += read;
        let mut headers = vec![httparse::EMPTY_HEADER; limits.headers];
        let mut request = httparse::Request::new(&mut headers);
        match request.parse(&buffer[..filled]) {
            Ok(httparse::Status::Complete(_)) => return check(&request),
            Ok(httparse::Status::Partial) if filled < buffer.len() => {}
            Ok(httparse::Status::Partial) => {
                return Err(Refusal::Answer(Response::text(
                    431,
                    "the request's head is too large",
                )));
            }
            Err(httparse::Error::TooManyHeaders) => {
                return Err(Refusal::Answer(Response::text(
                    431,
                    "the request has too many headers",
                )));
            }
            Err(_) => return Err(Refusal::Answer(Response::text(400, "a malformed request"))),
        }
    }
}

/// A parsed head as a request the handler answers, or the refusal: only
/// GET and HEAD, and no body.
fn check(request: &httparse::Request<'_, '_>) -> Result<Request, Refusal> {
    let head_only = match request.method {
        Some("GET") => false,
        Some("HEAD") => true,
        _ => {
            return Err(Refusal::Answer(Response::text(405, "only GET and HEAD")));
        }
    };
    for header in request.headers.iter() {
        let value = std::str::from_utf8(header.value).unwrap_or("?").trim();
        let body = if header.name.eq_ignore_ascii_case("content-length") {
            value != "0"
        } else {
            header.name.eq_ignore_ascii_case("transfer-encoding")
        };
        if body {
            return Err(Refusal::Answer(Response::text(
                413,
                "a request to this server has no body",
            )));
        }
    }
    Ok(Request {
        head_only,
        target: request.path.unwrap_or("/").to_string(),
    })
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        413 => "Content Too Large",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "Error",
    }
}

fn write_response(
    stream: &mut TcpStream,
    response: &Response,
    head_only: bool,
    limits: Limits,
) -> std::io::Result<()> {
    let _ = stream.set_write_timeout(Some(limits.write_time));
    let allow = if response.status == 405 {
        "Allow: GET, HEAD\r\n"
    } else {
        ""
    };
    let head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n{allow}Connection: close\r\n\r\n",
        response.status,
        reason(response.status),
        response.content_type,
        response.body.len()
    );
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(&response.body)?;
    }
    stream.flush()
}

/// Closes a connection after its answer without losing it: whatever the
/// client still sends (a body it was told not to send) is read and thrown
/// away for a moment, a little at a time, so that the close does not reset
/// the connection before the client has read the answer.
fn finish(mut stream: TcpStream) {
    let _ = stream.shutdown(Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
    let mut sink = [0u8; 4096];
    let mut left: usize = 256 * 1024;
    while left > 0 {
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(read) => left = left.saturating_sub(read),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A server on a free loopback port answering `ok` to everything.
    fn server(limits: Limits) -> std::net::SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        let handler: Arc<Handler> =
            Arc::new(|request: &Request| Response::text(200, &format!("ok {}", request.target)));
        std::thread::spawn(move || accept_forever(listener, limits, handler));
        address
    }

    fn exchange(address: std::net::SocketAddr, bytes: &[u8]) -> String {
        let mut stream = TcpStream::connect(address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let _ = stream.write_all(bytes);
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        String::from_utf8_lossy(&answer).into_owned()
    }

    #[test]
    fn a_get_is_answered_and_every_body_refused_unread() {
        let address = server(Limits::default());
        let answer = exchange(address, b"GET /a?b HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
        assert!(answer.ends_with("ok /a?b\n"), "{answer}");
        let head = exchange(address, b"HEAD / HTTP/1.1\r\n\r\n");
        assert!(
            head.starts_with("HTTP/1.1 200") && head.ends_with("\r\n\r\n"),
            "{head}"
        );
        for refused in [
            "GET / HTTP/1.1\r\nContent-Length: 99999999999999\r\n\r\n",
            "GET / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello",
            "GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
            "GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
        ] {
            let answer = exchange(address, refused.as_bytes());
            assert!(answer.starts_with("HTTP/1.1 413 "), "{refused:?}: {answer}");
        }
        assert!(exchange(address, b"POST / HTTP/1.1\r\n\r\n").starts_with("HTTP/1.1 405 "));
        assert!(exchange(address, b"\x00\x01garbage\r\n\r\n").starts_with("HTTP/1.1 400 "));
        // Still answering.
        assert!(exchange(address, b"GET / HTTP/1.0\r\n\r\n").starts_with("HTTP/1.1 200 "));
    }

    #[test]
    fn a_head_too_large_or_too_slow_is_cut_off() {
        let limits = Limits {
            head_time: Duration::from_millis(300),
            ..Limits::default()
        };
        let address = server(limits);
        let huge = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(100_000));
        assert!(exchange(address, huge.as_bytes()).starts_with("HTTP/1.1 431 "));
        let many: String = (0..200).map(|i| format!("X-{i}: y\r\n")).collect();
        let answer = exchange(address, format!("GET / HTTP/1.1\r\n{many}\r\n").as_bytes());
        assert!(answer.starts_with("HTTP/1.1 431 "), "{answer}");
        // A client that never finishes its head is answered 408 in time.
        let started = Instant::now();
        let answer = exchange(address, b"GET / HTTP/1.1\r\nHost:");
        assert!(answer.starts_with("HTTP/1.1 408 "), "{answer}");
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn connections_past_the_limit_are_told_the_server_is_busy() {
        let limits = Limits {
            connections: 2,
            head_time: Duration::from_secs(5),
            ..Limits::default()
        };
        let address = server(limits);
        let idle: Vec<TcpStream> = (0..2)
            .map(|_| TcpStream::connect(address).unwrap())
            .collect();
        std::thread::sleep(Duration::from_millis(100));
        let answer = exchange(address, b"GET / HTTP/1.1\r\n\r\n");
        assert!(answer.starts_with("HTTP/1.1 503 "), "{answer}");
        drop(idle);
        std::thread::sleep(Duration::from_millis(100));
        let answer = exchange(address, b"GET / HTTP/1.1\r\n\r\n");
        assert!(answer.starts_with("HTTP/1.1 200 "), "{answer}");
    }
}

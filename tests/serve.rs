//! `handout serve`: the site and the PDFs on a local port, rebuilt and
//! reloaded after every save; problems shown in the page until fixed; no
//! way out of the served folder.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::Project;

/// A running `handout serve`, stopped when dropped.
struct Served {
    child: Child,
    address: String,
    /// The temporary folder it builds into.
    folder: std::path::PathBuf,
}

impl Drop for Served {
    /// Stops the server as Ctrl-C would (SIGTERM), so it removes its
    /// temporary folder; SIGKILL only if it has not stopped in 10 s.
    fn drop(&mut self) {
        let asked = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .is_ok_and(|status| status.success());
        let started = Instant::now();
        while asked && started.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `serve` on any free port in the project and waits for its
/// address.
fn serve(project: &Project) -> Served {
    serve_with(project, &[])
}

/// The same, with these environment variables.
fn serve_with(project: &Project, variables: &[(&str, &str)]) -> Served {
    let mut child = Command::new(env!("CARGO_BIN_EXE_handout"))
        .args(["serve", "--port", "0"])
        .current_dir(project.path())
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .envs(variables.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve starts");
    let (mut first, mut second) = (String::new(), String::new());
    let mut lines = BufReader::new(child.stdout.take().unwrap());
    lines.read_line(&mut first).unwrap();
    lines.read_line(&mut second).unwrap();
    let folder = second
        .strip_prefix("building into ")
        .and_then(|rest| rest.split(" (").next())
        .unwrap_or_else(|| panic!("no folder in {second:?}"))
        .into();
    // Keep reading, so the server's lines never meet a closed pipe.
    std::thread::spawn(move || std::io::copy(&mut lines, &mut std::io::sink()));
    let address = first
        .split_whitespace()
        .find_map(|w| w.strip_prefix("http://"))
        .unwrap_or_else(|| panic!("no address in {first:?}"))
        .trim_end_matches('/')
        .to_string();
    Served {
        child,
        address,
        folder,
    }
}

/// Sends one raw request and returns the status and the body.
fn request(served: &Served, method: &str, path: &str) -> (u16, String) {
    raw(
        served,
        &format!(
            "{method} {path} HTTP/1.0\r\nHost: {}\r\n\r\n",
            served.address
        ),
    )
}

/// Sends these bytes as a request and returns the status and the body.
fn raw(served: &Served, bytes: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(&served.address).expect("the server answers");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    // A server may answer and close before it has read all of it.
    let _ = stream.write_all(bytes.as_bytes());
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map_or(String::new(), |(_, b)| b.to_string());
    (status, body)
}

/// Fetches `path` until its body passes `test`: a hang guard of 30 s (a
/// debug build on a loaded machine), not a speed bound.
fn until(served: &Served, path: &str, what: &str, test: impl Fn(&str) -> bool) -> String {
    let started = Instant::now();
    loop {
        let (_, body) = request(served, "GET", path);
        if test(&body) {
            return body;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{what} never showed in 30 s: {body}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn pages_follow_each_save_and_show_problems_until_fixed() {
    let project = Project::valid();
    let served = serve(&project);
    let page = "/exercises/reach/";
    let (status, body) = request(&served, "GET", page);
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("<h1>Reach up</h1>"), "{body}");
    assert!(
        body.contains("/__handout/version"),
        "the page reloads itself"
    );
    // An edit shows.
    let yaml = project.read("content/exercises/reach.yaml");
    project.write(
        "content/exercises/reach.yaml",
        yaml.replace("title: Reach up", "title: Reach higher"),
    );
    until(&served, page, "the new title", |b| {
        b.contains("<h1>Reach higher</h1>")
    });
    // A broken save shows its problem, located, in every page.
    project.write(
        "content/exercises/reach.yaml",
        format!("{yaml}  bogus_field: 1\n"),
    );
    let broken = until(&served, "/", "the problem", |b| b.contains("bogus_field"));
    assert!(
        broken.contains("content/exercises/reach.yaml:22:3: error: unknown field"),
        "{broken}"
    );
    assert!(
        broken.contains("/__handout/version"),
        "the problem page reloads too"
    );
    // The next good save brings the page back.
    project.write("content/exercises/reach.yaml", &yaml);
    until(&served, page, "the page again", |b| {
        b.contains("<h1>Reach up</h1>")
    });
    // The build went to a temporary folder, and the script into no file.
    assert!(!project.path().join("output").exists());
}

/// Issue 27: serve answers once the site is built and makes the PDFs when
/// one is first asked for after a save, not on every save.
#[test]
fn the_pdfs_are_made_when_asked_for_and_served_with_a_preview() {
    let project = Project::valid();
    let served = serve(&project);
    let out = served.folder.join("output");
    let handout = out.join("handout.pdf");
    // The server answers once the site is built.
    assert_eq!(request(&served, "GET", "/").0, 200);
    assert!(out.join("site/index.html").is_file());
    assert!(!handout.exists(), "the PDFs wait until one is asked for");
    let (status, body) = request(&served, "GET", "/handout.pdf");
    assert_eq!(status, 200);
    assert!(body.starts_with("%PDF"));
    let first = std::fs::read(&handout).expect("made on request");
    // A save rebuilds the site; the PDF is made again only when asked for.
    let yaml = project.read("content/exercises/reach.yaml");
    project.write(
        "content/exercises/reach.yaml",
        yaml.replace("title: Reach up", "title: Reach higher"),
    );
    until(&served, "/exercises/reach/", "the new title", |b| {
        b.contains("<h1>Reach higher</h1>")
    });
    assert_eq!(std::fs::read(&handout).unwrap(), first, "typeset on a save");
    let (status, body) = request(&served, "GET", "/handout.pdf");
    assert_eq!(status, 200);
    assert!(body.starts_with("%PDF"));
    assert_ne!(
        std::fs::read(&handout).unwrap(),
        first,
        "the old PDF served"
    );
    let (status, body) = request(&served, "GET", "/__handout/pdf");
    assert_eq!(status, 200);
    assert!(
        body.contains("<iframe") && body.contains("/checklist.pdf"),
        "{body}"
    );
}

#[test]
fn nothing_outside_the_served_folder_and_only_get_and_head() {
    let project = Project::valid();
    project.write("secret.txt", "not for the web");
    let served = serve(&project);
    for path in [
        "/../secret.txt",
        "/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/..%5csecret.txt",
        "/../Cargo.toml",
    ] {
        let (status, body) = request(&served, "GET", path);
        assert!(status == 400 || status == 404, "{path}: {status}");
        assert!(!body.contains("not for the web"), "{path}");
    }
    assert_eq!(request(&served, "POST", "/").0, 405);
    assert_eq!(request(&served, "DELETE", "/index.html").0, 405);
    assert_eq!(request(&served, "HEAD", "/").0, 200);
}

#[test]
#[cfg(unix)]
fn stopping_removes_the_temporary_folder() {
    let project = Project::valid();
    let mut served = serve(&project);
    // The first answer comes after the first build.
    assert_eq!(request(&served, "GET", "/").0, 200);
    let built = std::fs::read_to_string(served.folder.join("output/site/index.html")).unwrap();
    assert!(
        !built.contains("__handout"),
        "the reload script is added when serving, never built in"
    );
    // SIGTERM, as a closing terminal sends (Ctrl-C sends SIGINT, handled
    // the same way).
    let killed = Command::new("kill")
        .args(["-TERM", &served.child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = served.child.wait().unwrap();
    assert!(status.success(), "a clean stop: {status}");
    assert!(
        !served.folder.exists(),
        "{} is left",
        served.folder.display()
    );
}

#[test]
fn a_request_with_a_body_is_refused_unread_and_the_server_goes_on() {
    let project = Project::valid();
    let mut served = serve(&project);
    for huge in [
        "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999\r\n\r\nsome",
        "GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffff\r\n",
    ] {
        let (status, _) = raw(&served, huge);
        assert!(status == 413 || status == 405, "{huge:?}: {status}");
    }
    // A head of a megabyte, and a thousand headers.
    let long = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(1 << 20));
    assert_eq!(raw(&served, &long).0, 431);
    let many: String = (0..1000).map(|i| format!("X-{i}: y\r\n")).collect();
    assert_eq!(
        raw(&served, &format!("GET / HTTP/1.1\r\n{many}\r\n")).0,
        431
    );
    // Then a normal request is answered, and the server still runs.
    let (status, body) = request(&served, "GET", "/");
    assert_eq!(status, 200, "{body}");
    assert!(
        served.child.try_wait().unwrap().is_none(),
        "serve is running"
    );
    assert!(served.folder.exists());
}

#[test]
fn handouts_own_list_of_files_is_not_served() {
    let project = Project::valid();
    let served = serve(&project);
    assert_eq!(request(&served, "GET", "/").0, 200);
    assert!(served.folder.join("output/.handout-output").exists());
    for path in [
        "/.handout-output",
        "/%2Ehandout-output",
        "/site/../.handout-output",
    ] {
        let (status, body) = request(&served, "GET", path);
        assert!(status == 400 || status == 404, "{path}: {status}");
        assert!(!body.contains("site/index.html"), "{path}: {body}");
    }
}

#[test]
fn an_output_folder_inside_the_content_stops_serve_before_it_serves() {
    let project = Project::valid();
    let output = Command::new(env!("CARGO_BIN_EXE_handout"))
        .args(["serve", "--port", "0", "--out", "content/x"])
        .current_dir(project.path())
        .stdin(Stdio::null())
        .output()
        .expect("serve runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("content/x"), "{stderr}");
    assert!(
        !String::from_utf8_lossy(&output.stdout).contains("serving"),
        "nothing was served"
    );
    assert!(!project.path().join("content/x").exists());
}

#[test]
fn a_runaway_template_shows_as_a_problem_and_the_server_goes_on() {
    let project = Project::valid();
    project.write("templates/README.md", "My templates.");
    let served = serve_with(&project, &[("HANDOUT_TEMPLATE_SECONDS", "0.5")]);
    assert_eq!(request(&served, "GET", "/").0, 200);
    project.write(
        "templates/site/index.html",
        "{% for a in range(end=100000) %}{% for b in range(end=100000) %}{% endfor %}{% endfor %}",
    );
    let page = until(&served, "/", "the stopped template", |b| {
        b.contains("The last save has problems")
    });
    assert!(page.contains("templates/site/index.html"), "{page}");
    assert!(page.contains("handout stopped"), "{page}");
    std::fs::remove_file(project.path().join("templates/site/index.html")).unwrap();
    until(&served, "/", "the page again", |b| b.contains("<h1"));
}

#[test]
fn serve_that_cannot_listen_stops_and_leaves_no_folder() {
    let project = Project::valid();
    // Ten busy ports in a row: every port serve would try.
    let first = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let start = first.local_addr().unwrap().port();
    let mut held = vec![first];
    for port in start + 1..start + 10 {
        // A port taken by someone else is busy all the same.
        if let Ok(listener) = std::net::TcpListener::bind(("127.0.0.1", port)) {
            held.push(listener);
        }
    }
    let temporary = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_handout"))
        .args(["serve", "--port", &start.to_string()])
        .current_dir(project.path())
        .env("TMPDIR", temporary.path())
        .stdin(Stdio::null())
        .output()
        .expect("serve runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("cannot listen"), "{stderr}");
    let left: Vec<_> = std::fs::read_dir(temporary.path()).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
    drop(held);
}

/// Issue 27: after a save only the pages it changed reload; every other
/// open page is told the build left it as it was and keeps its scroll.
#[test]
fn a_save_reloads_only_the_pages_it_changed() {
    let project = Project::valid();
    let served = serve(&project);
    let (status, page) = request(&served, "GET", "/exercises/lift/");
    assert_eq!(status, 200);
    let version: u64 = page
        .split_once("data-version=\"")
        .and_then(|(_, rest)| rest.split('"').next()?.parse().ok())
        .expect("the page's version");
    // A step of lift changes lift's page, and no other.
    let yaml = project.read("content/exercises/lift.yaml");
    project.write(
        "content/exercises/lift.yaml",
        yaml.replace("Lower slowly.", "Lower your heels slowly."),
    );
    until(&served, "/exercises/lift/", "the new step", |b| {
        b.contains("Lower your heels slowly.")
    });
    let asks = |page: &str| {
        request(
            &served,
            "GET",
            &format!("/__handout/version?v={version}&page={page}"),
        )
        .1
        .trim()
        .to_string()
    };
    let newer = format!("{}", version + 1);
    assert_eq!(asks("/exercises/lift/"), newer);
    assert_eq!(asks("/exercises/reach/"), format!("{newer} same"));
    assert_eq!(asks("/"), format!("{newer} same"));
    // The preview, a missing page and a page that does not say reload.
    assert_eq!(asks("/__handout/pdf"), newer);
    assert_eq!(asks("/exercises/gone/"), newer);
    let (_, plain) = request(&served, "GET", &format!("/__handout/version?v={version}"));
    assert_eq!(plain.trim(), newer);
    // A problem, and its fix, reload every page.
    project.write("content/exercises/lift.yaml", format!("{yaml}  bogus: 1\n"));
    until(&served, "/", "the problem", |b| b.contains("bogus"));
    let (_, broken) = request(
        &served,
        "GET",
        &format!(
            "/__handout/version?v={}&page=/exercises/reach/",
            version + 1
        ),
    );
    assert!(!broken.contains("same"), "{broken}");
}

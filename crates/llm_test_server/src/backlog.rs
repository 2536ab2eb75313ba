//! A port where connecting times out, for connect-timeout tests on 127.0.0.1.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::time::Duration;

/// A listening socket that never accepts, whose accept queue is full: the kernel
/// drops further connection attempts (SYNs), so a client's connect waits until
/// its own connect timeout, as with a firewalled or unreachable host.
///
/// ```
/// let port = llm_test_server::FullBacklog::start().unwrap();
/// let refused = std::net::TcpStream::connect_timeout(&port.addr(), std::time::Duration::from_millis(100));
/// assert_eq!(refused.unwrap_err().kind(), std::io::ErrorKind::TimedOut);
/// ```
pub struct FullBacklog {
    addr: SocketAddr,
    _listener: TcpListener,
    _queued: Vec<TcpStream>,
}

impl FullBacklog {
    /// Binds `127.0.0.1:0` and fills the accept queue.
    pub fn start() -> std::io::Result<FullBacklog> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let addr = listener.local_addr()?;
        let mut queued = Vec::new();
        // The queue holds the listen backlog plus one; probe until a connect stalls.
        for _ in 0..4096 {
            match TcpStream::connect_timeout(&addr, Duration::from_millis(200)) {
                Ok(stream) => queued.push(stream),
                Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {
                    return Ok(FullBacklog {
                        addr,
                        _listener: listener,
                        _queued: queued,
                    })
                }
                Err(e) => return Err(e),
            }
        }
        Err(std::io::Error::other(
            "the accept queue never filled (is the backlog unlimited?)",
        ))
    }

    /// The socket address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// A base URL on this port, e.g. `http://127.0.0.1:4321/v1`.
    pub fn url(&self) -> String {
        format!("http://{}/v1", self.addr)
    }
}

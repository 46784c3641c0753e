/** The browser host needs its access token; without it, say how to get the right address. */
export function NoToken() {
  return (
    <div className="fatal">
      <h1>Open Dossier from the address the host printed</h1>
      <p>
        This page talks to a Dossier host running on this computer, which only answers pages that carry its access
        token. When you start the host (<code>npm run serve</code>), it prints an address like
      </p>
      <pre className="example">http://127.0.0.1:4567/#token=…</pre>
      <p>
        Open that full address, including the part after <code>#token=</code>. The token is then kept for this tab and
        removed from the address bar.
      </p>
    </div>
  );
}

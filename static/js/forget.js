// What a phone keeps of a meeting (token, name, drafts, unsent notes) lives under
// `flipover:<code>:` in its localStorage. When the meeting is deleted, the phone forgets
// all of it: live (phone.js on `session:deleted`) or when it comes back later and finds
// the meeting gone (the not-found page carries `data-forget`). See docs/privacy.md.

export function forgetSession(code) {
  if (!code) return;
  try {
    for (const name of Object.keys(localStorage)) {
      if (name.startsWith(`flipover:${code}:`)) localStorage.removeItem(name);
    }
  } catch { /* storage blocked: nothing was kept */ }
}

forgetSession(document.body && document.body.dataset.forget);

// The merchant's pages, made nicer where JavaScript runs (every action
// there is a plain form that works without it). Loaded only on
// /toko-saya pages, which load no WebAssembly: a merchant on a weak
// signal downloads this file and nothing else.
//
// - The order inbox (#inbox-live) listens to the shop's event stream. The
//   browser reconnects by itself and sends the last event id it saw, so
//   nothing is missed. On an event the inbox page is fetched again and its
//   #inbox swapped in (our own server's escaped HTML, imported as nodes);
//   a new order also beeps and vibrates. A page older than two minutes
//   (the installed app showing its cached inbox) says so.
// - "Use my location" (#pakai-lokasi) fills the pin fields.
(() => {
  'use strict';
  const show = (id, text) => {
    const el = document.getElementById(id);
    if (el) { el.textContent = text; el.hidden = false; }
  };

  const live = document.getElementById('inbox-live');
  if (live && 'EventSource' in window) {
    const d = live.dataset;
    if (Date.now() / 1000 - Number(d.rendered) > 120) show('live-old', d.old);
    const refresh = async () => {
      try {
        const res = await fetch(location.href, { credentials: 'same-origin' });
        if (!res.ok) return;
        const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
        const fresh = doc.getElementById('inbox');
        const mine = document.getElementById('inbox');
        if (fresh && mine) mine.replaceWith(document.importNode(fresh, true));
      } catch (e) { /* offline: the next event tries again */ }
    };
    const beep = () => {
      if (navigator.vibrate) navigator.vibrate(300);
      try {
        const ctx = new AudioContext();
        const osc = ctx.createOscillator();
        osc.frequency.value = 880;
        osc.connect(ctx.destination);
        osc.start();
        osc.stop(ctx.currentTime + 0.25);
      } catch (e) { /* no sound allowed yet */ }
    };
    const source = new EventSource(`/toko-saya/pesanan/langsung?setelah=${encodeURIComponent(d.after)}`);
    source.onopen = () => show('live-status', d.on);
    source.onerror = () => show('live-status', d.off);
    source.onmessage = (ev) => {
      if (String(ev.data).includes('"pesanan_baru"')) { show('live-status', d.fresh); beep(); }
      refresh();
    };
  }

  const locate = document.getElementById('pakai-lokasi');
  if (locate && navigator.geolocation) {
    locate.hidden = false;
    locate.addEventListener('click', () => {
      navigator.geolocation.getCurrentPosition((pos) => {
        document.getElementById('f-lat').value = pos.coords.latitude.toFixed(6);
        document.getElementById('f-lng').value = pos.coords.longitude.toFixed(6);
      }, () => show('lokasi-pesan', locate.dataset.failed), { enableHighAccuracy: true, timeout: 15000 });
    });
  }
})();

'use client';

export default function AdminError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-xl border border-red-200 bg-red-50 p-5">
      <h2 className="font-semibold text-red-900">This page could not be loaded</h2>
      <p className="mt-1 text-sm text-red-800">{error.digest ? `Reference ${error.digest}. ` : ''}The details are in the server log.</p>
      <button type="button" onClick={reset} className="mt-3 rounded-md bg-red-700 px-3 py-1.5 text-sm font-semibold text-white">
        Try again
      </button>
    </div>
  );
}

"""After applying: is the saved mail the genuine invitation, the IMAP look-up, the timeline and
its allowed actions, the join-link typing aid and the inquiry to the secretariat."""

-- Tells every order-service instance which orders changed status, so one holding a live view (SSE, a bounded wait)
-- of an order another instance moved along hears of it. A trigger rather than a pg_notify call in each writer: the
-- saga (plain SQL), a customer's cancel and the expiry job (Hibernate) all record a change as a row here, so none of
-- them can forget it, and the notification commits (or rolls back) with the change itself.
--
-- One notification per statement, not per row: the saga stores a whole poll's changes in one insert, and that poll
-- costs one pg_notify per 200 orders (a payload is limited to 8000 bytes; 200 ids of 36 characters and a comma
-- stay under it). An order's first change (seq 0, PENDING, written when it is placed) is left out: nobody can be
-- watching an order before it exists, and placement stays free of the notification queue's commit lock.
create function notify_order_status_changed() returns trigger
    language plpgsql as
$$
declare
    ids   text[];
    chunk constant integer := 200;
begin
    select array_agg(distinct order_id::text) into ids from changed where seq > 0;
    for i in 1 .. coalesce(array_length(ids, 1), 0) by chunk loop
        perform pg_notify('order_status_changed', array_to_string(ids[i:i + chunk - 1], ','));
    end loop;
    return null;
end
$$;

create trigger order_status_changed
    after insert on order_status_change
    referencing new table as changed
    for each statement
execute function notify_order_status_changed();

"""Entrant accounts: invitations, joining organisations, logging in and out, open sign-up, and the admin."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from wagtail_kipp.entrant_portal import accounts
from wagtail_kipp.judging import permissions
from wagtail_kipp.models import Invitation, Membership, MembershipRole
from wagtail_kipp.models.memberships import hash_token

PASSWORD = "kipp-Semarang-2026!"
LINK = re.compile(r"http://testserver(/portal/invitation/[^/\s]+/)")


@pytest.fixture
def secretariat(make_secretariat):
    return make_secretariat()


@pytest.fixture
def organisation(make_organisation):
    return make_organisation("Dinas Kependudukan dan Pencatatan Sipil")


@pytest.fixture
def invite(secretariat, organisation, django_capture_on_commit_callbacks):
    """Invite ``email`` (to ``organisation`` by default); returns the invitation and its link's path."""

    def make(email="ani@example.com", org=None, role=MembershipRole.OPERATOR, by=None):
        with django_capture_on_commit_callbacks(execute=True):
            invitation = accounts.invite(org or organisation, email, role, by or secretariat)
        return invitation

    return make


def last_link(mailoutbox) -> str:
    match = LINK.search(mailoutbox[-1].body)
    assert match, mailoutbox[-1].body
    return match.group(1)


def new_account(**overrides):
    data = {
        "full_name": "Ani Wulandari",
        "username": "ani@example.com",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(overrides)
    return data


def actions(instance):
    return list(
        ModelLogEntry.objects.filter(
            object_id=str(instance.pk), content_type__model=instance._meta.model_name
        )
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


# Invitations and accepting them ------------------------------------------------------------------


def test_the_invitation_email_carries_a_working_link(home_page, client, invite, organisation, mailoutbox):
    invitation = invite()
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["ani@example.com"]
    assert organisation.name in message.subject and organisation.name in message.body
    path = last_link(mailoutbox)
    response = client.get(path)
    assert response.status_code == 200
    assert organisation.name in response.content.decode()
    assert invitation.expires_at > timezone.now() + datetime.timedelta(days=13)
    assert actions(invitation) == ["wagtail_kipp.invitation.send"]
    # Only the hash of the token is stored.
    assert path.split("/")[-2] not in Invitation.objects.values_list("token_hash", flat=True)


def test_a_new_person_accepts_creates_an_account_and_is_logged_in(
    home_page, client, invite, organisation, mailoutbox
):
    invitation = invite()
    response = client.post(last_link(mailoutbox), new_account())
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtail_kipp_portal:dashboard")
    user = get_user_model().objects.get(username="ani@example.com")
    assert user.email == "ani@example.com" and user.get_full_name() == "Ani Wulandari"
    assert user.check_password(PASSWORD)
    assert permissions.is_member(user, organisation.pk)
    assert int(client.session["_auth_user_id"]) == user.pk
    assert client.get(reverse("wagtail_kipp_portal:dashboard")).status_code == 200
    invitation.refresh_from_db()
    assert invitation.status == "accepted" and invitation.accepted_by == user
    assert "wagtail_kipp.invitation.accept" in actions(invitation)


def test_a_logged_in_operator_adds_a_second_organisation(
    home_page, client, invite, make_organisation, make_operator, mailoutbox
):
    first = make_organisation("Dinas Kesehatan")
    user = make_operator(first, username="budi")
    second = make_organisation("RSUD Kota")
    invite(user.email, org=second)
    client.force_login(user)
    path = last_link(mailoutbox)
    page = client.get(path)
    assert page.status_code == 200 and "RSUD Kota" in page.content.decode()
    assert "form" not in page.context  # no new account for a logged-in person
    response = client.post(path)
    assert response.status_code == 302
    assert set(permissions.organisations_of(user)) == {first, second}
    # Opening the used link again just goes to the dashboard.
    assert client.get(path)["Location"] == reverse("wagtail_kipp_portal:dashboard")


def test_an_anonymous_visitor_whose_email_has_an_account_is_asked_to_log_in_first(
    home_page, client, invite, django_user_model, mailoutbox
):
    django_user_model.objects.create_user("ani", "Ani@Example.com", PASSWORD)
    invite("ani@example.com")
    path = last_link(mailoutbox)
    response = client.get(path)
    assert response.context["existing_account"] is True
    login_link = f"{reverse('wagtail_kipp_portal:login')}?next={path}"
    assert login_link in response.content.decode()
    assert client.post(path, new_account(username="ani2")).status_code == 409
    assert not django_user_model.objects.filter(username="ani2").exists()
    # After logging in (the login view honours ``next``) the visitor accepts.
    response = client.post(
        f"{reverse('wagtail_kipp_portal:login')}?next={path}", {"username": "ani", "password": PASSWORD}
    )
    assert response["Location"] == path
    assert client.post(path).status_code == 302
    assert Membership.objects.filter(user__username="ani", approved=True).exists()


@pytest.mark.parametrize("reason", ["expired", "revoked", "accepted"])
def test_expired_revoked_and_used_links_are_refused_with_a_clear_page(
    home_page, client, invite, secretariat, django_user_model, mailoutbox, reason
):
    invitation = invite()
    path = last_link(mailoutbox)
    if reason == "expired":
        Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - datetime.timedelta(1))
    elif reason == "revoked":
        accounts.revoke(invitation, secretariat)
    else:
        assert Client().post(path, new_account()).status_code == 302
    for response in (client.get(path), client.post(path, new_account(username="someone-else"))):
        assert response.status_code == 410
        assert response.context["reason"] == reason
        assert accounts.unusable_message(reason) in response.content.decode()
    assert not django_user_model.objects.filter(username="someone-else").exists()
    assert Membership.objects.count() == (1 if reason == "accepted" else 0)


def test_a_link_that_expires_between_opening_and_sending_creates_nothing(
    home_page, client, invite, django_user_model, mailoutbox
):
    invitation = invite()
    path = last_link(mailoutbox)
    assert client.get(path).status_code == 200
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    assert client.post(path, new_account()).status_code == 410
    assert not django_user_model.objects.filter(username="ani@example.com").exists()


def test_an_unknown_token_is_a_404_page(home_page, client, invite):
    invite()
    response = client.get(reverse("wagtail_kipp_portal:accept_invitation", args=["not-a-real-token"]))
    assert response.status_code == 404
    assert response.context["reason"] == "unknown"


@pytest.mark.parametrize(
    "overrides",
    [{"password2": "something-else-entirely"}, {"password1": "pendek", "password2": "pendek"}],
    ids=["mismatch", "too-short"],
)
def test_a_password_problem_keeps_the_other_fields(
    home_page, client, invite, django_user_model, mailoutbox, overrides
):
    invite()
    response = client.post(last_link(mailoutbox), new_account(username="ani.w", **overrides))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Ani Wulandari"' in html and 'value="ani.w"' in html
    assert response.context["form"].errors["password2"]
    assert 'aria-describedby="id_password2_error' in html
    assert PASSWORD not in html
    assert not django_user_model.objects.filter(username="ani.w").exists()


def test_reinviting_the_same_address_replaces_the_link_instead_of_duplicating(invite, mailoutbox):
    first = invite("Ani@Example.com")
    old_path = last_link(mailoutbox)
    second = invite("ani@example.com", role=MembershipRole.HEAD)
    assert second.pk == first.pk
    assert Invitation.objects.count() == 1 and second.role == MembershipRole.HEAD
    assert len(mailoutbox) == 2 and last_link(mailoutbox) != old_path
    assert Invitation.find(old_path.split("/")[-2]) is None


def test_existing_operators_are_not_invited_again(invite, organisation, make_operator):
    user = make_operator(organisation)
    with pytest.raises(accounts.AccountError):
        invite(user.email)


def test_the_head_of_an_organisation_may_invite_its_operators_only(
    invite, organisation, make_organisation, make_operator
):
    head = make_operator(organisation)
    Membership.objects.filter(user=head).update(role=MembershipRole.HEAD)
    operator = make_operator(organisation)
    assert invite("colleague@example.com", by=head).invited_by == head
    with pytest.raises(PermissionDenied):
        invite("boss@example.com", role=MembershipRole.HEAD, by=head)
    with pytest.raises(PermissionDenied):
        invite("elsewhere@example.com", org=make_organisation(), by=head)
    with pytest.raises(PermissionDenied):
        invite("colleague2@example.com", by=operator)


# Logging in and out ------------------------------------------------------------------------------


@pytest.mark.parametrize(("prefix", "language"), [("", "id"), ("/en", "en")])
def test_the_login_page_renders_in_both_languages(home_page, client, prefix, language):
    response = client.get(f"{prefix}/portal/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'lang="{language}"' in html
    assert 'autocomplete="current-password"' in html and 'autocomplete="username"' in html
    assert f'action="{prefix}/portal/login/"' in html


def test_login_goes_to_the_dashboard_or_a_safe_next_url(home_page, client, organisation, make_operator):
    make_operator(organisation, username="citra")
    url = reverse("wagtail_kipp_portal:login")
    credentials = {"username": "citra", "password": "pw"}
    assert client.post(url, credentials)["Location"] == reverse("wagtail_kipp_portal:dashboard")
    client.logout()
    assert client.post(f"{url}?next=https://evil.example/", credentials)["Location"] == reverse(
        "wagtail_kipp_portal:dashboard"
    )
    client.logout()
    wrong = client.post(url, {"username": "citra", "password": "wrong"})
    assert wrong.status_code == 200 and wrong.context["form"].errors


def test_logout_is_a_post(home_page, client, organisation, make_operator):
    client.force_login(make_operator(organisation))
    url = reverse("wagtail_kipp_portal:logout")
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtail_kipp_portal:login")
    assert "_auth_user_id" not in client.session


def test_a_post_without_csrf_token_is_refused_not_an_error(home_page, invite, mailoutbox, django_user_model):
    invite()
    csrf_client = Client(enforce_csrf_checks=True)
    assert csrf_client.post(reverse("wagtail_kipp_portal:login"), {"username": "x"}).status_code == 403
    assert csrf_client.post(last_link(mailoutbox), new_account()).status_code == 403
    assert not django_user_model.objects.filter(username="ani@example.com").exists()


# Open sign-up ------------------------------------------------------------------------------------


def test_signup_is_off_by_default(home_page, client):
    assert client.get(reverse("wagtail_kipp_portal:signup")).status_code == 404
    assert client.post(reverse("wagtail_kipp_portal:signup"), {}).status_code == 404


@override_settings(WAGTAIL_KIPP_OPEN_SIGNUP=True)
def test_signup_waits_for_the_secretariats_approval(
    home_page,
    client,
    organisation,
    make_organisation,
    secretariat,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    inactive = make_organisation("Dinas Lama", active=False)
    url = reverse("wagtail_kipp_portal:signup")
    form = client.get(url).context["form"]
    assert inactive not in form.fields["organisation"].queryset
    data = {
        "full_name": "Dewi Lestari",
        "email": "dewi@example.com",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "organisation": organisation.pk,
        "reason": "Kepala Seksi Pelayanan",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "wagtail_kipp/portal/signup_done.html" in [t.name for t in response.templates]
    user = get_user_model().objects.get(email="dewi@example.com")
    membership = Membership.objects.get(user=user)
    assert membership.approved is False
    assert not permissions.is_member(user, organisation.pk)
    assert not permissions.organisations_of(user).exists()
    # The same address cannot sign up twice.
    again = client.post(url, data)
    assert again.status_code == 400 and again.context["form"].errors["email"]

    admin = Client()
    admin.force_login(secretariat)
    approve = reverse("kipp_memberships:approve", args=[membership.pk])
    assert admin.get(approve).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(approve)
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.approved is True
    assert permissions.is_member(user, organisation.pk)
    assert "wagtail_kipp.membership.approve" in actions(membership)
    assert mailoutbox[-1].to == ["dewi@example.com"]
    assert "http://testserver/portal/login/" in mailoutbox[-1].body


@override_settings(WAGTAIL_KIPP_OPEN_SIGNUP=True)
def test_the_secretariat_hears_of_signups_when_its_address_is_set(
    home_page, client, organisation, mailoutbox, django_capture_on_commit_callbacks
):
    from wagtail.models import Site

    from wagtail_kipp.models import KippSettings

    site_settings = KippSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.secretariat_email = "organisasi@example.go.id"
    site_settings.save()
    data = {
        "full_name": "Eko",
        "email": "eko@example.com",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "organisation": organisation.pk,
        "reason": "Staf TI",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("wagtail_kipp_portal:signup"), data).status_code == 200
    assert mailoutbox[-1].to == ["organisasi@example.go.id"]
    assert "Staf TI" in mailoutbox[-1].body and "/admin/" in mailoutbox[-1].body


# The admin ---------------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, secretariat):
    client.force_login(secretariat)
    return client


def test_the_secretariat_sends_resends_and_revokes_invitations_in_the_admin(
    home_page, admin_client, organisation, mailoutbox, django_capture_on_commit_callbacks
):
    listing = reverse("kipp_invitations:index")
    assert admin_client.get(reverse("kipp_invitations:add")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("kipp_invitations:add"),
            {"email": "fajar@example.com", "organisation": organisation.pk, "role": "operator"},
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="fajar@example.com")
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["fajar@example.com"]
    first_hash = invitation.token_hash

    html = admin_client.get(listing).content.decode()
    assert "fajar@example.com" in html
    assert reverse("kipp_invitations:resend", args=[invitation.pk]) in html
    assert admin_client.get(listing, {"status": "pending"}).context["object_list"].count() == 1
    assert admin_client.get(listing, {"status": "revoked"}).context["object_list"].count() == 0
    assert admin_client.get(reverse("kipp_invitations:inspect", args=[invitation.pk])).status_code == 200
    # Links are never edited by hand.
    assert admin_client.get(reverse("kipp_invitations:edit", args=[invitation.pk])).status_code != 200

    resend = reverse("kipp_invitations:resend", args=[invitation.pk])
    assert admin_client.get(resend).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(resend).status_code == 302
    invitation.refresh_from_db()
    assert len(mailoutbox) == 2 and invitation.token_hash != first_hash

    revoke = reverse("kipp_invitations:revoke", args=[invitation.pk])
    assert admin_client.post(revoke).status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked
    assert actions(invitation) == [
        "wagtail_kipp.invitation.send",
        "wagtail_kipp.invitation.send",
        "wagtail_kipp.invitation.revoke",
    ]
    entries = ModelLogEntry.objects.filter(
        object_id=str(invitation.pk), action="wagtail_kipp.invitation.send"
    )
    assert [entry.data["resent"] for entry in entries.order_by("pk")] == [False, True]
    # A revoked invitation cannot be resent; the admin says so instead of failing.
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(resend).status_code == 302
    assert len(mailoutbox) == 2
    assert admin_client.get(listing, {"status": "revoked"}).context["object_list"].count() == 1
    assert admin_client.get(reverse("kipp_invitations:history", args=[invitation.pk])).status_code == 200


def test_the_admin_form_refuses_inviting_an_existing_operator(
    home_page, admin_client, organisation, make_operator, mailoutbox
):
    user = make_operator(organisation)
    response = admin_client.post(
        reverse("kipp_invitations:add"),
        {"email": user.email, "organisation": organisation.pk, "role": "operator"},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not Invitation.objects.exists() and not mailoutbox


def test_the_secretariat_attaches_an_existing_user_to_an_organisation(
    home_page, admin_client, organisation, django_user_model
):
    user = django_user_model.objects.create_user("gita", "gita@example.com", "pw")
    response = admin_client.post(
        reverse("kipp_memberships:add"), {"user": user.pk, "organisation": organisation.pk, "role": "head"}
    )
    assert response.status_code == 302
    assert permissions.is_member(user, organisation.pk)
    duplicate = admin_client.post(
        reverse("kipp_memberships:add"),
        {"user": user.pk, "organisation": organisation.pk, "role": "operator"},
    )
    assert duplicate.status_code == 200 and Membership.objects.filter(user=user).count() == 1
    listing = admin_client.get(reverse("kipp_memberships:index"), {"organisation": organisation.pk})
    assert "gita@example.com" in listing.content.decode()
    assert admin_client.get(reverse("kipp_memberships:index"), {"approved": "false"}).status_code == 200


def test_editors_without_the_permission_are_refused_in_the_admin(
    home_page, client, invite, organisation, django_user_model
):
    invitation = invite()
    editor = django_user_model.objects.create_user("editor", "editor@example.com", "pw")
    group = Group.objects.create(name="Editor berita")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(group)
    client.force_login(editor)
    for name, args in [
        ("kipp_invitations:index", []),
        ("kipp_invitations:add", []),
        ("kipp_invitations:inspect", [invitation.pk]),
        ("kipp_memberships:index", []),
        ("kipp_memberships:add", []),
    ]:
        response = client.get(reverse(name, args=args))
        assert response.status_code in (302, 403), name
    assert client.post(reverse("kipp_invitations:revoke", args=[invitation.pk])).status_code in (302, 403)
    assert client.post(
        reverse("kipp_invitations:add"),
        {"email": "x@example.com", "organisation": organisation.pk, "role": "operator"},
    ).status_code in (302, 403)
    invitation.refresh_from_db()
    assert not invitation.revoked and Invitation.objects.count() == 1
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("kipp_invitations:index") not in home


def test_tokens_are_stored_only_as_hashes(invite, mailoutbox):
    invitation = invite()
    token = last_link(mailoutbox).split("/")[-2]
    assert invitation.token_hash == hash_token(token) and token not in invitation.token_hash


def test_an_operator_resets_a_forgotten_password(client, make_organisation, make_operator, mailoutbox):
    user = make_operator(make_organisation(), username="lupa")
    response = client.post(reverse("wagtail_kipp_portal:password_reset"), {"email": user.email})
    assert response["Location"] == reverse("wagtail_kipp_portal:password_reset_done")
    # An unknown address gets the same answer and no e-mail.
    client.post(reverse("wagtail_kipp_portal:password_reset"), {"email": "nobody@example.com"})
    assert len(mailoutbox) == 1
    link = re.search(r"https?://[^/\s]+(/\S+)", mailoutbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    response = client.post(
        form_url, {"new_password1": "Kata-sandi-baru-2026", "new_password2": "Kata-sandi-baru-2026"}
    )
    assert response["Location"] == reverse("wagtail_kipp_portal:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password("Kata-sandi-baru-2026")
    assert client.get(link).status_code in (200, 302)
    used = client.get(form_url)
    assert 'name="new_password1"' not in used.content.decode()
    assert reverse("wagtail_kipp_portal:password_reset") in used.content.decode()

"""Forms of the account pages: a new account from an invitation, and open sign-up."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from ...models import Invitation, Organisation
from ..accounts import normalise_email

User = get_user_model()


class DescribedErrorsMixin:
    """Point each invalid field's ``aria-describedby`` at its error (and help) text, for screen readers."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            bound = self[name]
            ids = [f"{bound.auto_id}_error"]
            if self.fields[name].help_text:
                ids.append(f"{bound.auto_id}_helptext")
            self.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)


class AccountForm(DescribedErrorsMixin, UserCreationForm):
    """A new entrant account: full name, username and a password typed twice (the site's validators apply)."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = (User.USERNAME_FIELD,)

    field_order = ["full_name", User.USERNAME_FIELD, "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The page's first field gets the focus, not the username.
        if User.USERNAME_FIELD in self.fields:
            self.fields[User.USERNAME_FIELD].widget.attrs.pop("autofocus", None)

    def set_full_name(self, user, full_name: str) -> None:
        """Store the full name on the user; override for a user model without ``first_name``."""
        if hasattr(user, "first_name"):
            # Indonesian names do not split reliably into first and last names: keep the whole name.
            user.first_name = full_name
            if hasattr(user, "last_name"):
                user.last_name = ""

    def save(self, commit=True):
        user = super().save(commit=False)
        self.set_full_name(user, self.cleaned_data["full_name"].strip())
        if commit:
            user.save()
        return user


class AcceptInvitationForm(AccountForm):
    """Create the account of an invited person; the username defaults to the invitation's e-mail."""

    def __init__(self, *args, invitation: Invitation, **kwargs):
        kwargs.setdefault("initial", {}).setdefault(User.USERNAME_FIELD, invitation.email)
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        # Set before validation so that the password validators compare against the e-mail too.
        setattr(self.instance, User.get_email_field_name(), invitation.email)


class SignupForm(AccountForm):
    """Open sign-up: the e-mail is the username; the organisation's membership waits for approval."""

    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        empty_label=_("Choose your organisation"),
        widget=forms.Select(attrs={"autocomplete": "organization"}),
    )
    reason = forms.CharField(
        label=_("Your role in the organisation"),
        help_text=_("Tell the secretariat who you are, for example your position and unit."),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    class Meta(AccountForm.Meta):
        fields = ()

    field_order = ["full_name", "email", "password1", "password2", "organisation", "reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.active().order_by("name")

    def clean_email(self) -> str:
        email = normalise_email(self.cleaned_data["email"])
        taken = (
            User._default_manager.filter(**{f"{User.get_email_field_name()}__iexact": email}).exists()
            or User._default_manager.filter(**{f"{User.USERNAME_FIELD}__iexact": email}).exists()
        )
        if taken:
            raise forms.ValidationError(
                _("An account with this e-mail address already exists. Log in instead."), code="taken"
            )
        return email

    def _post_clean(self):
        email = self.cleaned_data.get("email")
        if email:
            setattr(self.instance, User.get_email_field_name(), email)
            setattr(self.instance, User.USERNAME_FIELD, email)
        super()._post_clean()
